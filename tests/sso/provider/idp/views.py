import json
from collections import Counter

from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application

from idp.models import Person

# Requests served, by path: what a client asked the provider for, and how often.
SERVED = Counter()


def counting(get_response):
    def middleware(request):
        SERVED[request.path] += 1
        return get_response(request)

    return middleware


def served(request):
    return JsonResponse(SERVED)


def sign_in(request):
    """Sign this browser in as `username` (an account made through /people/)."""
    user = User.objects.get(username=request.GET["username"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("signed in")


@csrf_exempt
def people(request):
    """Add or change an account: {"username", "email", "email_verified", "xms_edov"} (null: the
    claim is not sent); answers its subject."""
    data = json.loads(request.body)
    user, _ = User.objects.get_or_create(username=data["username"])
    user.email = data["email"]
    user.first_name = data.get("name", "")
    user.save()
    Person.objects.update_or_create(
        user=user,
        defaults={
            "email_verified": data.get("email_verified", True),
            "xms_edov": data.get("xms_edov"),
        },
    )
    return JsonResponse({"sub": str(user.pk)})


@csrf_exempt
def apps(request):
    """Register a client that is approved without asking: {"client_id", "client_secret",
    "redirect_uri"}."""
    data = json.loads(request.body)
    Application.objects.create(
        name=data["client_id"],
        client_id=data["client_id"],
        client_secret=data["client_secret"],
        hash_client_secret=False,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=data["redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    return JsonResponse({"client_id": data["client_id"]})
