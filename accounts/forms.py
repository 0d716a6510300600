from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is switched off. Ask an editor if you need it again.",
    }


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows now.",
        min_length=6,
        max_length=6,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app.",
            "min_length": "Enter the 6-digit code from your authenticator app.",
            "max_length": "Enter the 6-digit code from your authenticator app.",
        },
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _why = self.device.verify_is_allowed()
        if not allowed:
            # django-otp slows guessing down after each wrong code.
            raise forms.ValidationError(
                "Too many wrong codes. Wait a few seconds, then enter the newest code."
            )
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code is not right. Check the time on your phone and try the newest code."
            )
        return token
