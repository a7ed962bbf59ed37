"""Forms of the agreements app: recording the signed agreement (lead side, on the partnership page)."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from codelists.partnerships import AgreementClause

#: Largest signed text accepted (bytes).
SIGNED_MAX_BYTES = 10 * 1024 * 1024


class SignedAgreementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    signed_on = forms.DateField(
        label=_("Date signed"),
        # A date input takes only the ISO form, whatever the page's language (French would write 01/10/2026).
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )
    url = forms.URLField(
        label=_("Where it is published (URL)"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-control form-control-sm"}),
    )
    clauses = forms.MultipleChoiceField(
        label=_("Clauses it covers"),
        choices=AgreementClause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(
        label=_("Signed text (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm", "accept": "application/pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > SIGNED_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(SIGNED_MAX_BYTES)},
                code="too_large",
            )
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("Upload the signed text as a PDF file."), code="not_pdf")
        return upload
