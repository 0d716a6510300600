"""Read an admin change form as a browser would post it back."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The name/value pairs a browser submits for the form ``form_id``, untouched."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self.select = None  # (name, multiple, first option, any selected)
        self.textarea = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.pairs.append((name, attrs.get("value", "on")))
                return
            self.pairs.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = [name, "multiple" in attrs, None, False]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value") or ""
            if self.select[2] is None:
                self.select[2] = value
            if "selected" in attrs:
                self.pairs.append((self.select[0], value))
                self.select[3] = True
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, multiple, first, chosen = self.select
            if not multiple and not chosen and first is not None:
                self.pairs.append((name, first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            # A browser drops the newline that directly follows <textarea>.
            self.pairs.append((self.textarea, text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)


def change_form_data(response, **changes) -> dict[str, list[str]]:
    """What the admin's add or change form in ``response`` posts back, with ``changes``."""
    opts = response.context["opts"]
    parser = _FormFields(f"{opts.model_name}_form")
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    assert data, "no change form found"
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data
