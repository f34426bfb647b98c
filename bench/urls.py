"""The site's addresses and the benchmarks' two yardsticks, through the same middleware:

- the baseline, a plain Django view that inserts one row, so that a submission's cost reads as a
  multiple of it;
- the floor, the least any Django site does with the complaint form's post: its fields checked by
  a Django form and the submission stored with the ORM, in a transaction. No reference, history,
  emails, file kept, rate limit, one-time token or page: whatever the site adds is above it."""

import uuid
from functools import cache

from django import forms
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from applications.models import ApplicationFormPage, Submission
from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def insert_one_row(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_baseline (body) VALUES (%s)", [request.POST.get("n", "")])
    return HttpResponse("ok", content_type="text/plain")


class Complaint(forms.Form):
    full_name = forms.CharField(max_length=255)
    email = forms.EmailField()
    phone = forms.CharField(max_length=32)
    subject = forms.CharField(max_length=255)
    details = forms.CharField(max_length=5000, widget=forms.Textarea)
    consent = forms.BooleanField()
    attachment = forms.FileField(required=False)


@cache
def complaints_id():
    return ApplicationFormPage.objects.get(slug="complaints", locale__language_code="ar").pk


@csrf_exempt
def store_one_form(request):
    form = Complaint(request.POST, request.FILES)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    data = {name: value for name, value in form.cleaned_data.items() if name != "attachment"}
    with transaction.atomic():
        submission = Submission.objects.create(
            page_id=complaints_id(),
            form_data=data,
            email=data["email"],
            reference=uuid.uuid4().hex[:24],
        )
    return HttpResponse(submission.reference, content_type="text/plain")


urlpatterns = [
    path("bench/insert-one-row", insert_one_row),
    path("bench/store-one-form", store_one_form),
    *site_urlpatterns,
]
