from django.conf import settings
from django.http import HttpRequest

from rxguild.core.navigation import nav_items_for


def site(request: HttpRequest) -> dict[str, object]:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else None
    url_name = match.url_name if match else None
    return {
        "site_name": settings.RXGUILD_SITE_NAME,
        "nav_items": nav_items_for(namespace, url_name) if request.user.is_authenticated else [],
    }
