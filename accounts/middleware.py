"""The signed-in user's preferred language (``User.language``) for pages.

Django's ``LocaleMiddleware`` picks the language from the language cookie or the browser's Accept-Language; this
middleware, placed after authentication, lets a user's saved choice win on every page, whichever device they
use. The API is left to Accept-Language, so a partner's client gets the language it asks for.
"""

from __future__ import annotations

from django.utils import translation


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not request.path.startswith("/api/") and user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
