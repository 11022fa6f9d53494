"""The OpenID Connect authorization-code flow with PKCE, for one provider at a time.

Built on requests (HTTP) and PyJWT (ID token checks): every provider is a database row, so a
client library's static registry would only be in the way. Discovery documents and key sets
are cached; a key set is read again once when a token names a key it does not hold (the
provider has rotated its keys).
"""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache

from sso.models import IdentityProvider

# Asymmetric algorithms only: "none" and the HMAC family (keyed with the client secret) are
# never accepted for an ID token.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
SCOPE = "openid email profile"


class ProviderError(Exception):
    """The provider could not be reached, or answered with something unusable."""


class BadToken(Exception):
    """The ID token failed a check: signature, issuer, audience, expiry or nonce."""


@dataclass(frozen=True)
class Pending:
    """What the start of a sign-in keeps in the session until the provider sends the person back."""

    provider_id: int
    state: str
    nonce: str
    verifier: str
    next: str

    @classmethod
    def new(cls, provider: IdentityProvider, next_url: str) -> "Pending":
        return cls(
            provider_id=provider.pk,
            state=secrets.token_urlsafe(32),
            nonce=secrets.token_urlsafe(32),
            verifier=secrets.token_urlsafe(64),
            next=next_url,
        )

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _get_json(url: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.SSO_HTTP_TIMEOUT)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"could not read {url}: {type(error).__name__}") from error
    if not isinstance(data, dict):
        raise ProviderError(f"{url} is not a JSON object")
    return data


def _cache_key(kind: str, url: str) -> str:
    return f"sso:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def discover(provider: IdentityProvider) -> dict:
    """The provider's OpenID configuration, from its issuer's well-known address (cached)."""
    key = _cache_key("discovery", provider.issuer)
    config = cache.get(key)
    if config is None:
        config = _get_json(provider.issuer.rstrip("/") + "/.well-known/openid-configuration")
        needed = ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"]
        missing = [name for name in needed if not isinstance(config.get(name), str)]
        if missing:
            raise ProviderError(f"discovery document lacks {', '.join(missing)}")
        # The document must name the issuer it was read from (OpenID Connect Discovery 4.3).
        if config["issuer"].rstrip("/") != provider.issuer.rstrip("/"):
            raise ProviderError("discovery document names another issuer")
        cache.set(key, config, settings.SSO_DISCOVERY_CACHE_SECONDS)
    return config


def _signing_key(jwks_uri: str, token: str) -> jwt.PyJWK:
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError as error:
        raise BadToken("unreadable header") from error
    key = _cache_key("jwks", jwks_uri)
    for fresh in (False, True):
        keys = None if fresh else cache.get(key)
        if keys is None:
            keys = _get_json(jwks_uri)
            cache.set(key, keys, settings.SSO_DISCOVERY_CACHE_SECONDS)
        try:
            key_set = jwt.PyJWKSet.from_dict(keys)
        except jwt.PyJWTError as error:
            raise ProviderError("unusable key set") from error
        usable = [k for k in key_set.keys if k.public_key_use in (None, "sig")]
        matching = [k for k in usable if kid is None or k.key_id == kid]
        if len(matching) == 1 or (matching and kid is not None):
            return matching[0]
    raise BadToken("signed with a key the provider does not publish")


def authorization_url(provider: IdentityProvider, pending: Pending, redirect_uri: str) -> str:
    config = discover(provider)
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "scope": SCOPE,
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": pending.challenge,
            "code_challenge_method": "S256",
        }
    )
    endpoint = config["authorization_endpoint"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def exchange_code(
    provider: IdentityProvider, pending: Pending, code: str, redirect_uri: str
) -> str:
    """The ID token the provider gives for this code (client secret sent as it asks)."""
    config = discover(provider)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": pending.verifier,
    }
    auth = None
    methods = config.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if provider.client_secret and "client_secret_basic" in methods:
        auth = (provider.client_id, provider.client_secret)
    else:
        data["client_id"] = provider.client_id
        if provider.client_secret:
            data["client_secret"] = provider.client_secret
    try:
        response = requests.post(
            config["token_endpoint"],
            data=data,
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=settings.SSO_HTTP_TIMEOUT,
        )
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"token request failed: {type(error).__name__}") from error
    if response.status_code != 200 or not isinstance(body, dict):
        error = body.get("error") if isinstance(body, dict) else None
        raise ProviderError(f"token request refused ({response.status_code}, {error})")
    id_token = body.get("id_token")
    if not isinstance(id_token, str):
        raise ProviderError("token response has no ID token")
    return id_token


def verified_claims(provider: IdentityProvider, pending: Pending, id_token: str) -> dict:
    """The ID token's claims, once its signature, issuer, audience, expiry and nonce hold."""
    config = discover(provider)
    key = _signing_key(config["jwks_uri"], id_token)
    offered = config.get("id_token_signing_alg_values_supported") or ["RS256"]
    try:
        claims = jwt.decode(
            id_token,
            key=key.key,
            algorithms=[alg for alg in ALGORITHMS if alg in offered],
            audience=provider.client_id,
            issuer=config["issuer"],
            leeway=settings.SSO_CLOCK_LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise BadToken(type(error).__name__) from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), pending.nonce):
        raise BadToken("nonce does not match")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise BadToken("issued to another party")
    return claims
