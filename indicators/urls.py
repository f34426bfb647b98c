"""Open data files at addresses outside the page tree, which never change when editors move the
indicators page: /<language>/open-data/<indicator>.csv and .json."""

from django.urls import path

from .views import download

urlpatterns = [
    path("open-data/<slug:slug>.<str:extension>", download, name="indicator_download"),
]
