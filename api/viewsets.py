"""The shared base of every API viewset (after NetBox's ``netbox/api/viewsets``).

A viewset declares a queryset, a serializer class and a filterset class, plus the services that write;
this base applies ``Partnership.objects.for_user`` to every read (an object outside it is a 404), resolves
the partnership a new row goes into (404 when the client cannot see it), turns ``version`` in the body into
the services' ``expected_version`` and runs each write in one transaction, rolled back on any 4xx, so a
refused request leaves nothing half-written.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from api.permissions import PartnershipDataPermission, user_can_write
from api.serializers import scope_queryset
from partnerships import policy

MAX_ID = 2**63 - 1
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def parse_id(value: Any, *, field: str | None = None) -> int:
    """A positive database id, or a 404 (path) / 400 (body field) — never a database overflow."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= MAX_ID:
        if field is None:
            raise exceptions.NotFound(_("Not found."))
        raise exceptions.ValidationError({field: [_("Give the id of an existing object (a positive integer).")]})
    return number


class ApiViewSetMixin:
    """Input hygiene and transactions common to every API view."""

    def initial(self, request, *args, **kwargs):
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise exceptions.ValidationError({key.replace("\x00", ""): [_("Null characters are not allowed.")]})
        super().initial(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)
        # One transaction per write; rolled back whenever the answer is an error, so nothing half-written stays.
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)
        return response

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        if lookup in self.kwargs and self.lookup_field in ("pk", "id"):
            self.kwargs[lookup] = parse_id(self.kwargs[lookup])
        return super().get_object()


class PartnershipScopedViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    """CRUD over rows of a partnership (``partnership_path`` leads from the row to its partnership).

    Subclasses implement ``service_create(partnership, data, expected_version)``, ``service_update(obj, data,
    expected_version)`` and ``service_delete(obj, expected_version)`` with the app's services.
    """

    permission_classes = [PartnershipDataPermission]
    partnership_path = "partnership"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset()
        return scope_queryset_by_path(queryset, self.request.user, self.partnership_path)

    # Partnership resolution ----------------------------------------------------------------------------

    def writable_partnership(self, partnership_id: Any, *, obj=None):
        """The partnership a write goes into: 404 when invisible, 403 when the user's standing in it does not
        allow writing this kind of row (``partnerships.policy``, docs/permissions.md)."""
        from partnerships.models import Partnership

        pk = parse_id(partnership_id, field="partnership")
        partnership = Partnership.objects.for_user(self.request.user).filter(pk=pk).first()
        if partnership is None:
            raise exceptions.NotFound(_("No partnership %(id)s that you can see.") % {"id": pk})
        if not user_can_write(self.request.user):
            raise exceptions.PermissionDenied(PartnershipDataPermission.message)
        self.check_row_policy(partnership, obj=obj)
        return partnership

    def check_row_policy(self, partnership, *, obj=None) -> None:
        """Refuse (403) a write the permission policy does not allow for this row's part of the partnership."""
        policy.require_row(user=self.request.user, partnership=partnership, model=self.queryset.model)

    # Writes ----------------------------------------------------------------------------------------------

    def split_payload(self, serializer) -> tuple[dict, int | None]:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        return data, expected

    def create(self, request, *args, **kwargs):
        # The target partnership first: a client that cannot see it gets 404 whatever else it sent.
        raw = request.data.get("partnership") if isinstance(request.data, dict) else None
        if raw is not None and not isinstance(raw, bool | list | dict):
            self.writable_partnership(raw)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, expected = self.split_payload(serializer)
        partnership = self.writable_partnership(data.pop("partnership_id", None))
        obj = self.service_create(partnership=partnership, data=data, expected_version=expected)
        obj = self.get_queryset().get(pk=obj.pk)
        body = self.get_serializer(obj).data
        headers = {"Location": self.reverse_detail(obj)}
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        obj = self.get_object()
        self.writable_partnership(self.partnership_id_of(obj), obj=obj)
        serializer = self.get_serializer(obj, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data, expected = self.split_payload(serializer)
        moved = data.pop("partnership_id", None)
        if moved is not None and moved != self.partnership_id_of(obj):
            raise exceptions.ValidationError({"partnership": [_("A row cannot move to another partnership.")]})
        obj = self.service_update(obj=obj, data=data, expected_version=expected)
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        self.writable_partnership(self.partnership_id_of(obj), obj=obj)
        expected = request.data.get("version") if isinstance(request.data, dict) else None
        if expected is None:
            expected = request.query_params.get("version")
        if expected is not None:
            expected = parse_id(expected, field="version")
        self.service_delete(obj=obj, expected_version=expected)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def partnership_id_of(self, obj) -> int:
        target = obj
        for part in self.partnership_path.split("__"):
            target = getattr(target, part)
        return target.pk

    def reverse_detail(self, obj) -> str:
        from rest_framework.reverse import reverse

        return reverse(f"api:{self.basename}-detail", kwargs={"pk": obj.pk}, request=self.request)

    def service_create(self, *, partnership, data: dict, expected_version: int | None):
        raise exceptions.MethodNotAllowed("POST")

    def service_update(self, *, obj, data: dict, expected_version: int | None):
        raise exceptions.MethodNotAllowed(self.request.method)

    def service_delete(self, *, obj, expected_version: int | None):
        raise exceptions.MethodNotAllowed("DELETE")


def scope_queryset_by_path(queryset, user, path: str):
    """``queryset`` limited to rows whose partnership (reached through ``path``) ``user`` can read."""
    from partnerships.models import Partnership

    if getattr(user, "sees_everything", False):
        return queryset
    if path == "partnership":
        return scope_queryset(queryset, user)
    return queryset.filter(**{f"{path}__in": Partnership.objects.for_user(user).values("pk")})


class ReadOnlyApiViewSet(ApiViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reference data and other read-only resources."""
