"""The administration site, open to administrators only (``partnerships.policy``, action ``administer``).

Inside a partnership the permission policy gives administrators every action, so the Django admin is
reserved to them: a staff flag alone does not let an official or an API client past the partnership policy
through the admin.

The admin writes domain data the way every other door does: :class:`ServiceWriteAdmin` sends each save and
delete (also of inline rows) through the app's write service, or through the generic row services of
``partnerships.services`` for rows without one, with the signed-in administrator as the actor. So an admin
edit raises the partnership's version, records the same history rows and counts as "changed since approval"
(§5.2) exactly like the same change made in the wizard or the API. The admin form carries no version, so no
``ConflictError`` can arise; a service's ``ValidationError`` is shown on the form (or, for a delete, as a
message), never as a server error.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpResponseRedirect

from partnerships import policy
from smp.punctuation import labelled


class PolicyAdminSite(admin.AdminSite):
    """Django's admin site, with the permission policy's ``administer`` action in front of it."""

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return policy.decide(policy.Action.ADMINISTER, user=request.user).allowed


class PolicyAdminConfig(AdminConfig):
    """``django.contrib.admin`` with :class:`PolicyAdminSite` as ``admin.site``."""

    default_site = "partnerships.admin_site.PolicyAdminSite"


def form_values(form, *, changed_only: bool, exclude: frozenset[str] | set[str] = frozenset()) -> dict:
    """The model-field values of a valid model form: every field for a new row, the changed ones otherwise."""
    meta = type(form.instance)._meta
    names = {field.name for field in meta.get_fields() if field.concrete or field.many_to_many}
    chosen = form.changed_data if changed_only else list(form.cleaned_data)
    return {
        name: form.cleaned_data[name]
        for name in chosen
        if name in names and name in form.cleaned_data and name not in exclude
    }


def many_values(form) -> dict:
    """The many-to-many values of a valid model form, for the services to set."""
    names = {field.name for field in type(form.instance)._meta.many_to_many}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


def _adopt(obj: models.Model, saved: models.Model) -> None:
    """Give the admin's object the stored values (id, timestamps) of the row the service wrote."""
    if saved is obj:
        return
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))


class ServiceWriteAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletes go through a write service, with the request user as the actor.

    Override :meth:`service_save` and :meth:`service_delete` for rows with a dedicated service; the defaults
    use ``partnerships.services.partnership_row_save`` / ``partnership_row_delete``. ``partnership_path`` names
    the way from a row to its partnership (``"pathway.partnership"`` for a pathway's steps). ``fixed_fields``
    cannot change once the row exists (a row does not move to another partnership). Inline rows whose model
    is registered with a ``ServiceWriteAdmin`` are saved through that admin's services too. The bulk delete
    action is off: deletes go one by one through the service.
    """

    partnership_path: str = "partnership"
    fixed_fields: tuple[str, ...] = ("partnership",)
    # A link typed without a scheme is read as https (Django 6's default, set now rather than warned about).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # -- the services (override per model) ---------------------------------------------------------------

    def row_partnership(self, obj: models.Model):
        """The partnership ``obj`` belongs to."""
        target = obj
        for part in self.partnership_path.split("."):
            target = getattr(target, part)
        return target

    def service_save(self, request, obj: models.Model, form, change: bool) -> models.Model:
        """Write ``obj`` (already holding the form's values) and return the stored row."""
        from partnerships.services import partnership_row_save

        own = self.partnership_path == "partnership"
        return partnership_row_save(
            row=obj,
            user=request.user,
            many=many_values(form),
            partnership=None if own else self.row_partnership(obj),
        )

    def stored(self, obj: models.Model) -> models.Model:
        """The row as stored, for update services that compare old and new values (the form changed ``obj``)."""
        return type(obj)._default_manager.get(pk=obj.pk)

    def service_delete(self, request, obj: models.Model) -> None:
        """Delete ``obj``."""
        from partnerships.services import partnership_row_delete

        own = self.partnership_path == "partnership"
        partnership_row_delete(row=obj, user=request.user, partnership=None if own else self.row_partnership(obj))

    # -- Django admin hooks --------------------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        return fields + tuple(name for name in self.fixed_fields if name not in fields)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        _adopt(obj, self.service_save(request, obj, form, change))

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def save_related(self, request, form, formsets, change):
        # The service set the many-to-many values of the row; only the inline rows are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        row_admin = (
            self.admin_site.get_model_admin(formset.model) if self.admin_site.is_registered(formset.model) else None
        )
        if not isinstance(row_admin, ServiceWriteAdmin):
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # fills new_objects, changed_objects and deleted_objects for the change message
        for obj in formset.deleted_objects:
            row_admin.service_delete(request, obj)
        for row_form in formset.saved_forms:
            is_new = row_form.instance.pk is None
            _adopt(row_form.instance, row_admin.service_save(request, row_form.instance, row_form, not is_new))
        return None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "service_error", None)
        if error is None:
            return form

        class ServiceErrorForm(form):
            """The admin form again, carrying the service's refusal as form errors."""

            def clean(self):
                cleaned = super().clean()
                items = error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
                for name, errors in items:
                    field = name if name in self.fields and name != NON_FIELD_ERRORS else None
                    self.add_error(
                        field, errors if field else [_labelled(type(self.instance), name, e) for e in errors]
                    )
                return cleaned

        return ServiceErrorForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # Everything was rolled back; show the same form again with the service's messages on it.
            if request.method != "POST" or getattr(request, "service_error", None) is not None:
                raise
            request.service_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def _labelled(model: type[models.Model], name: str | None, error: ValidationError) -> ValidationError:
    """A field error shown above the form: the message, led by the field's name when it is not on the form."""
    if not name or name == NON_FIELD_ERRORS:
        return error
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a key that is no field (e.g. "shares"): its words are in the message
        return error
    return ValidationError(labelled(f"{label[:1].upper()}{label[1:]}", " ".join(error.messages)))
