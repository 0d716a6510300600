import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client):
    user = UserFactory(username="officer")

    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    assert client.get("/accounts/logout/").status_code == 405  # sign-out is a POST
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_shows_an_error_summary(client):
    UserFactory(username="officer")

    response = client.post("/accounts/login/", {"username": "officer", "password": "wrong"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter a correct username and password" in body
    assert "<title>Error: Sign in" in body


def test_password_reset_mails_a_known_address(client):
    UserFactory(username="officer", email="officer@newham.example.org")

    response = client.post("/accounts/password_reset/", {"email": "officer@newham.example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_does_not_reveal_unknown_addresses(client):
    known = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})

    assert known.status_code == 302
    assert known["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_password_change_is_in_the_sites_layout(client):
    client.force_login(UserFactory())

    response = client.get("/accounts/password_change/")

    assert response.status_code == 200
    assert "Change your password" in response.content.decode()
    assert "govuk-template" in response.content.decode()
