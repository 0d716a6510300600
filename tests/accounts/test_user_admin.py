"""Who may change which account in the admin (issue 14, finding 2).

Only superusers grant superuser, staff status, roles (groups) or permissions, add or delete
accounts, change a password, or edit the roles themselves. An editor may switch a partner's
account off or on and move it to another organisation, and nothing else: never an editor's or
a superuser's account. Every other role has no user admin at all.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission

from partners.roles import EDITOR, MODERATOR, PARTNER_OFFICER
from tests.factories import (
    PASSWORD,
    EditorFactory,
    MemberFactory,
    OrganisationFactory,
    PartnerOfficerFactory,
    SteeringMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def change_url(user):
    return f"/admin/auth/user/{user.pk}/change/"


def change_form(target, **changes):
    """The change form's fields as the stock admin posts them, with ``changes`` on top."""
    data = {
        "username": target.username,
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": target.email,
        "is_active": "on" if target.is_active else "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "09:00:00",
        "membership-TOTAL_FORMS": "0",
        "membership-INITIAL_FORMS": "0",
        "membership-MIN_NUM_FORMS": "0",
        "membership-MAX_NUM_FORMS": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def make_moderator():
    user = MemberFactory(is_staff=True)
    user.groups.add(Role.objects.get(name=MODERATOR))
    return user


ROLES = {
    "partner officer": PartnerOfficerFactory,
    "moderator": make_moderator,
    "steering group": SteeringMemberFactory,
    "editor": EditorFactory,
}


# -- the escalation the probe found -------------------------------------------------------


def test_an_editor_cannot_make_themself_a_superuser(client, staff_login):
    editor = staff_login(EditorFactory())

    client.post(
        change_url(editor),
        change_form(editor, is_superuser="on", is_staff="on"),
    )

    editor.refresh_from_db()
    assert not editor.is_superuser


def test_an_editor_cannot_change_the_superusers_password(client, staff_login):
    staff_login(EditorFactory())
    admin = UserFactory(is_staff=True, is_superuser=True)

    response = client.post(
        f"/admin/auth/user/{admin.pk}/password/",
        {"password1": "taken over by the editor", "password2": "taken over by the editor"},
    )

    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)


@pytest.mark.parametrize("target_factory", [PartnerOfficerFactory, MemberFactory])
def test_an_editor_cannot_change_anyones_password(client, staff_login, target_factory):
    staff_login(EditorFactory())
    target = target_factory()

    response = client.post(
        f"/admin/auth/user/{target.pk}/password/",
        {"password1": "set by the editor 123", "password2": "set by the editor 123"},
    )

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("is_superuser", "on"),
        ("is_staff", "on"),
        ("groups", "EDITOR_ROLE"),
        ("user_permissions", "EDIT_ALL_PERMISSION"),
        ("username", "renamed-by-editor"),
        ("email", "editor-controlled@example.org"),
        ("first_name", "Renamed"),
    ],
)
def test_an_editor_changes_no_other_field_of_a_partners_account(client, staff_login, field, value):
    staff_login(EditorFactory())
    target = MemberFactory()
    if value == "EDITOR_ROLE":
        value = str(Role.objects.get(name=EDITOR).pk)
    elif value == "EDIT_ALL_PERMISSION":
        value = str(Permission.objects.get(codename="edit_all_organisations").pk)
    before = User.objects.values().get(pk=target.pk)

    client.post(change_url(target), change_form(target, **{field: value}))

    target.refresh_from_db()
    assert User.objects.values().get(pk=target.pk) == before
    assert not target.groups.exists()
    assert not target.user_permissions.exists()


def test_an_editor_switches_a_partners_account_off_and_on(client, staff_login):
    staff_login(EditorFactory())
    officer = PartnerOfficerFactory()

    response = client.post(change_url(officer), change_form(officer, is_active=""))

    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert officer.groups.filter(name=PARTNER_OFFICER).exists()  # the role is kept

    client.post(change_url(officer), change_form(officer, is_active="on"))
    officer.refresh_from_db()
    assert officer.is_active


def test_an_editor_moves_a_partner_to_another_organisation(client, staff_login):
    staff_login(EditorFactory())
    officer = PartnerOfficerFactory()
    membership = officer.membership
    hackney = OrganisationFactory()

    response = client.post(
        change_url(officer),
        change_form(
            officer,
            **{
                "membership-TOTAL_FORMS": "1",
                "membership-INITIAL_FORMS": "1",
                "membership-0-id": str(membership.pk),
                "membership-0-user": str(officer.pk),
                "membership-0-organisation": str(hackney.pk),
                "membership-0-job_title": "Web manager",
            },
        ),
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.organisation == hackney


@pytest.mark.parametrize("target_kind", ["superuser", "editor"])
def test_an_editor_cannot_switch_off_an_editor_or_a_superuser(client, staff_login, target_kind):
    staff_login(EditorFactory())
    target = (
        UserFactory(is_staff=True, is_superuser=True)
        if target_kind == "superuser"
        else EditorFactory()
    )

    response = client.post(change_url(target), change_form(target, is_active=""))

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_an_editor_cannot_add_or_delete_accounts(client, staff_login):
    staff_login(EditorFactory())
    target = MemberFactory()

    added = client.post(
        "/admin/auth/user/add/",
        {"username": "made-by-editor", "password1": "x" * 20, "password2": "x" * 20},
    )
    deleted = client.post(f"/admin/auth/user/{target.pk}/delete/", {"post": "yes"})

    assert added.status_code == 403
    assert deleted.status_code == 403
    assert not User.objects.filter(username="made-by-editor").exists()
    assert User.objects.filter(pk=target.pk).exists()


def test_the_editors_change_form_shows_only_what_they_may_change(client, staff_login):
    staff_login(EditorFactory())
    officer = PartnerOfficerFactory()

    page = client.get(change_url(officer)).content.decode()

    assert 'name="is_active"' in page
    assert 'name="membership-0-organisation"' in page
    for locked in ["is_superuser", "is_staff", "groups", "user_permissions", "email"]:
        assert f'name="{locked}"' not in page
    assert f"/admin/auth/user/{officer.pk}/password/" not in page


@pytest.mark.parametrize("role", ["partner officer", "moderator", "steering group"])
def test_other_roles_have_no_user_or_role_admin(client, staff_login, role):
    user = staff_login(ROLES[role]())
    other = MemberFactory()

    for url in [
        "/admin/auth/user/",
        change_url(other),
        change_url(user),
        f"/admin/auth/user/{other.pk}/password/",
        "/admin/auth/group/",
        f"/admin/auth/group/{Role.objects.get(name=EDITOR).pk}/change/",
    ]:
        assert client.get(url).status_code == 403, url
    client.post(change_url(user), change_form(user, is_superuser="on", is_staff="on"))
    user.refresh_from_db()
    assert not user.is_superuser


def test_an_editor_cannot_change_a_role(client, staff_login):
    staff_login(EditorFactory())
    officer_role = Role.objects.get(name=PARTNER_OFFICER)
    escalating = Permission.objects.get(codename="edit_all_organisations")

    response = client.post(
        f"/admin/auth/group/{officer_role.pk}/change/",
        {"name": PARTNER_OFFICER, "permissions": [str(escalating.pk)]},
    )

    assert response.status_code == 403
    assert not officer_role.permissions.filter(pk=escalating.pk).exists()


def test_a_superuser_still_grants_roles_staff_status_and_passwords(client, staff_login):
    staff_login(UserFactory(is_staff=True, is_superuser=True))
    target = MemberFactory()
    editor_role = Role.objects.get(name=EDITOR)

    response = client.post(
        change_url(target),
        change_form(target, is_staff="on", groups=str(editor_role.pk)),
    )
    assert response.status_code == 302
    client.post(
        f"/admin/auth/user/{target.pk}/password/",
        {"password1": "a new long passphrase", "password2": "a new long passphrase"},
    )

    target.refresh_from_db()
    assert target.is_staff
    assert list(target.groups.all()) == [editor_role]
    assert target.check_password("a new long passphrase")
