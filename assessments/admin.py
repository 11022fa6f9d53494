"""The framework library in the admin: browsable, read-only; changes go through files.

An admin uploads a framework file, sees the dry run's result (what would be added, changed,
removed or refused) and only then confirms the load.
"""

import base64

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.loading import load_frameworks
from assessments.models import Assessment, Dimension, Element, Framework, Scale, ScaleLevel
from continuum.admin import ReadOnlyAdmin, ReadOnlyInline
from continuum.library_files import MAX_FILE_BYTES
from continuum.loading import Source
from partnership.request_limits import accepts_upload


class DimensionInline(ReadOnlyInline):
    model = Dimension
    fields = ["order", "code", "title"]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Framework file (JSON)"),
        error_messages={"required": gettext_lazy("Choose a framework file to upload")},
    )


class ConfirmForm(forms.Form):
    name = forms.CharField(widget=forms.HiddenInput)
    content = forms.CharField(widget=forms.HiddenInput)

    def source(self) -> Source:
        try:
            raw = base64.b64decode(self.cleaned_data["content"], validate=True)
        except ValueError as error:
            raise forms.ValidationError(
                _("The uploaded file was damaged; upload it again")
            ) from error
        return Source(name=self.cleaned_data["name"], raw=raw)


def is_library_admin(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.is_superuser


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ["title", "code", "version", "status", "loaded"]
    list_filter = ["status"]
    search_fields = ["title", "code"]
    inlines = [DimensionInline]
    change_list_template = "admin/assessments/framework/change_list.html"

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="assessments_framework_upload",
            ),
            *super().get_urls(),
        ]

    @accepts_upload(lambda: MAX_FILE_BYTES, allowed=is_library_admin)
    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Upload → dry run shown → confirm → load. Nothing is written before the confirm."""
        if not is_library_admin(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "title": _("Upload a framework file")}
        upload = UploadForm()
        if request.method == "POST" and "confirm" in request.POST:
            confirm = ConfirmForm(request.POST)
            if confirm.is_valid():
                report = load_frameworks([confirm.source()])
                if report.ok:
                    self.message_user(
                        request,
                        ngettext(
                            "Loaded %(name)s: %(count)s change",
                            "Loaded %(name)s: %(count)s changes",
                            report.change_count(),
                        )
                        % {"name": confirm.cleaned_data["name"], "count": report.change_count()},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:assessments_framework_changelist"))
                context["report"] = report
        elif request.method == "POST":
            upload = UploadForm(request.POST, request.FILES)
            if upload.is_valid():
                uploaded = upload.cleaned_data["file"]
                if uploaded.size > MAX_FILE_BYTES:
                    upload.add_error("file", _("The file is too large"))
                else:
                    raw = uploaded.read()
                    source = Source(name=uploaded.name, raw=raw)
                    report = load_frameworks([source], dry_run=True)
                    context["report"] = report
                    if report.ok:
                        context["confirm"] = ConfirmForm(
                            initial={
                                "name": uploaded.name,
                                "content": base64.b64encode(raw).decode("ascii"),
                            }
                        )
        context["upload"] = upload
        return TemplateResponse(request, "admin/assessments/framework/upload.html", context)


@admin.register(Element)
class ElementAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "dimension", "framework"]
    list_filter = ["framework"]
    search_fields = ["code", "title"]
    list_select_related = ["dimension", "framework"]


class ScaleLevelInline(ReadOnlyInline):
    model = ScaleLevel
    fields = ["value", "label", "meaning", "rag"]
    show_change_link = False


@admin.register(Scale)
class ScaleAdmin(ReadOnlyAdmin):
    list_display = ["framework", "name", "allows_not_applicable", "allows_dont_know", "meets_from"]
    list_select_related = ["framework"]
    inlines = [ScaleLevelInline]


@admin.register(Dimension)
class DimensionAdmin(ReadOnlyAdmin):
    list_display = ["title", "code", "framework", "order"]
    list_filter = ["framework"]
    list_select_related = ["framework"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["name", "partnership", "framework", "status", "created"]
    list_filter = ["status"]
    list_select_related = ["partnership", "framework"]
