"""The two viewsets every partnership row of the API uses (docs/conventions.md, "API"), and the policy of the
rows recorded while a partnership runs (``ResultsRowMixin``).

``GenericRowViewSet`` writes a row that points to its partnership (``{"partnership": 9, …}``) with the
generic row services; ``ParentRowViewSet`` writes a row that reaches its partnership through a parent row
(an indicator's values, a pathway's steps, a target occupation's country profiles): the client names the
parent, never the partnership.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.filters import IdFilter, row_filterset
from api.viewsets import PartnershipScopedViewSet, parse_id, scope_queryset_by_path
from partnerships import policy
from partnerships.services import (
    instance_assign,
    partnership_row_create,
    partnership_row_delete,
    partnership_row_save,
    partnership_row_update,
)


class GenericRowViewSet(PartnershipScopedViewSet):
    """Rows written with the generic partnership-row services (same checks and version bump)."""

    def service_create(self, *, partnership, data, expected_version):
        return partnership_row_create(
            model=self.queryset.model,
            partnership=partnership,
            user=self.request.user,
            data=data,
            expected_version=expected_version,
        )

    def service_update(self, *, obj, data, expected_version):
        return partnership_row_update(row=obj, user=self.request.user, data=data, expected_version=expected_version)

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(row=obj, user=self.request.user, expected_version=expected_version)


def parent_row_filterset(model, parent: str, fields: list[str] | tuple[str, ...] = ()):
    """``row_filterset`` for rows under a parent row: ``partnership`` through the parent, and ``<parent>`` (id)."""
    base = row_filterset(model, fields, partnership_path=f"{parent}__partnership_id")
    return type(base.__name__, (base,), {parent: IdFilter(field_name=f"{parent}_id")})


def partnership_id_through(obj: Any, path: str) -> int | None:
    """The partnership id at the end of ``path`` (``"target_occupation__partnership"``) without loading it."""
    *parents, last = path.split("__")
    for part in parents:
        obj = getattr(obj, part)
    return getattr(obj, f"{last}_id")


class ParentRowViewSet(PartnershipScopedViewSet):
    """Rows of a partnership written under a parent row of it (``parent_field``), not under the partnership.

    A create resolves the parent first among the rows the client can see: another's parent is a 404, as an
    invisible ``partnership`` is for the other rows, and the parent's partnership must be writable by the
    client (403 otherwise). The writes use the generic row services with the partnership given explicitly.

    - ``keeps_parent``: a row stays under its parent (to move it, delete it and add it under the other one) —
      a measured value belongs to its indicator, a step to its pathway. Otherwise a row may move to another
      parent of the same partnership, never to another partnership's (400 on the field).
    - ``link_fields``: other foreign keys to rows of the partnership, which must be the parent's partnership
      too (the generic services check only rows that point to their partnership directly).
    """

    parent_field = ""
    keeps_parent = False
    link_fields: tuple[str, ...] = ()

    def parent_path(self) -> str:
        """From the parent to the partnership (``partnership_path`` without the parent's step)."""
        return self.partnership_path.removeprefix(f"{self.parent_field}__")

    def parent_model(self):
        return self.queryset.model._meta.get_field(self.parent_field).related_model

    def parent_partnership(self, raw: Any):
        """The writable partnership of the parent named by ``raw`` (404 when the client cannot see it)."""
        pk = parse_id(raw, field=self.parent_field)
        model = self.parent_model()
        visible = scope_queryset_by_path(model.objects.all(), self.request.user, self.parent_path())
        partnership_id = visible.filter(pk=pk).values_list(self.parent_path(), flat=True).first()
        if partnership_id is None:
            raise exceptions.NotFound(
                _("No %(what)s %(id)s that you can see.") % {"what": model._meta.verbose_name, "id": pk}
            )
        return self.writable_partnership(partnership_id)

    def partnership_id_of(self, obj) -> int:
        return partnership_id_through(obj, self.partnership_path)

    def create(self, request, *args, **kwargs):
        # The parent first: a client that cannot see it gets 404 whatever else it sent.
        raw = request.data.get(self.parent_field) if isinstance(request.data, dict) else None
        if raw is not None and not isinstance(raw, bool | list | dict):
            self.parent_partnership(raw)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, expected = self.split_payload(serializer)
        partnership = self.parent_partnership(data[self.parent_field].pk)
        obj = self.service_create(partnership=partnership, data=data, expected_version=expected)
        obj = self.get_queryset().get(pk=obj.pk)
        headers = {"Location": self.reverse_detail(obj), **self.etag_headers(obj)}
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED, headers=headers)

    def links_check(self, row, *, partnership_id: int) -> None:
        """The parent and every ``link_fields`` row belong to ``partnership_id`` (400 on the field otherwise)."""
        errors = {}
        parent = getattr(row, self.parent_field)
        if partnership_id_through(parent, self.parent_path()) != partnership_id:
            errors[self.parent_field] = [_("A row cannot move to another partnership.")]
        for name in self.link_fields:
            target = getattr(row, name)
            if target is not None and target.partnership_id != partnership_id:
                field = row._meta.get_field(name)
                errors[name] = [_("Choose a %(what)s of this partnership.") % {"what": field.verbose_name}]
        if errors:
            raise exceptions.ValidationError(errors)

    def service_create(self, *, partnership, data, expected_version):
        row = self.queryset.model()
        _changed, many = instance_assign(instance=row, data=data)
        self.links_check(row, partnership_id=partnership.pk)
        return partnership_row_save(
            row=row, user=self.request.user, many=many, partnership=partnership, expected_version=expected_version
        )

    def parent_kept_check(self, obj, data) -> None:
        """With ``keeps_parent``, refuse (400 on the field) a change that names another parent."""
        parent = data.get(self.parent_field)
        if self.keeps_parent and parent is not None and parent.pk != getattr(obj, f"{self.parent_field}_id"):
            what = self.parent_model()._meta.verbose_name
            raise exceptions.ValidationError(
                {
                    self.parent_field: [
                        _("A row keeps its %(what)s: delete it and add it to the other one.") % {"what": what}
                    ]
                }
            )

    def service_update(self, *, obj, data, expected_version):
        self.parent_kept_check(obj, data)
        partnership_id = self.partnership_id_of(obj)
        _changed, many = instance_assign(instance=obj, data=data)
        self.links_check(obj, partnership_id=partnership_id)
        return partnership_row_save(
            row=obj, user=self.request.user, many=many, partnership=partnership_id, expected_version=expected_version
        )

    def service_delete(self, *, obj, expected_version):
        partnership_row_delete(
            row=obj, user=self.request.user, partnership=self.partnership_id_of(obj), expected_version=expected_version
        )


class ResultsRowMixin:
    """Rows recorded while the partnership runs — reporting periods, indicator values, actual spending (§9.1,
    E8.R9): a write needs the policy's ``RECORD_RESULTS`` (the lead side), not the design part of the model.

    Put it before the viewset class; its services refuse a partnership that is not being implemented or
    evaluated (400 ``not_running``).
    """

    def check_row_policy(self, partnership, *, obj=None) -> None:
        policy.require(policy.Action.RECORD_RESULTS, user=self.request.user, partnership=partnership)
