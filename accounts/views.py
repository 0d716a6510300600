from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmDeviceForm

DEVICE_NAME = "Authenticator app"


@login_required
def two_factor(request):
    """Enrol a TOTP authenticator app as a second factor: show its key, confirm with a code."""
    if not request.user.is_staff:
        raise PermissionDenied("Two-factor sign-in is for accounts that use the admin.")
    confirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if confirmed is not None:
        return render(request, "accounts/two_factor.html", {"confirmed": confirmed})
    with transaction.atomic():
        device, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": DEVICE_NAME}
        )
    form = ConfirmDeviceForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "Two-factor sign-in is now on for your account.")
        return redirect("accounts:two_factor")
    context = {
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#0b0c0c"),
    }
    return render(request, "accounts/two_factor.html", context)
