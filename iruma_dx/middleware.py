"""Project-wide middleware: language choice and session limits."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class JapaneseFirstLocaleMiddleware(LocaleMiddleware):
    """Activate Japanese unless the person chose English in the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    PC set up in English would show an English portal. The city works in
    Japanese; English is an explicit choice kept in the language cookie.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SessionLimitMiddleware:
    """End a signed-in session after 8 hours, or after it was left idle.

    Django's session age alone cannot express both limits, so the time of
    sign-in and of the last request are kept in the session itself (which
    lives in the database, so every app server sees the same clock marks).
    """

    LOGIN_AT = "_portal_login_at"
    SEEN_AT = "_portal_seen_at"
    # Writing the session on every request would cost a database write each
    # time; the idle mark only needs minute precision.
    SEEN_RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._check(request)
            if expired is not None:
                logout(request)
                messages.info(request, expired)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _check(self, request) -> str | None:
        now = int(time.time())
        session = request.session
        login_at = session.setdefault(self.LOGIN_AT, now)
        seen_at = session.get(self.SEEN_AT, now)
        if now - login_at > settings.SESSION_ABSOLUTE_SECONDS:
            return _("You were signed out after 8 hours. Please sign in again.")
        if now - seen_at > settings.SESSION_IDLE_SECONDS:
            return _("You were signed out because the session was idle.")
        if now - seen_at >= self.SEEN_RESOLUTION or self.SEEN_AT not in session:
            session[self.SEEN_AT] = now
        return None


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy of settings on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = (
                settings.CONTENT_SECURITY_POLICY_ADMIN
                if request.path.startswith(self.admin_prefix)
                else settings.CONTENT_SECURITY_POLICY
            )
            response["Content-Security-Policy"] = policy
        return response
