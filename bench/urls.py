"""The site's addresses and the benchmarks' baseline: a plain Django view that inserts one row,
through the same middleware, so that a submission's cost reads as a multiple of it."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def insert_one_row(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_baseline (body) VALUES (%s)", [request.POST.get("n", "")])
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/insert-one-row", insert_one_row), *site_urlpatterns]
