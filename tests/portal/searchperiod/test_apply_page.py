"""The /apply page says which fields may be left empty."""

import re


def test_optional_fields_on_apply_are_marked_optional(client):
    """Phone number and the UWV date could be left empty, but nothing said so."""
    html = client.get("/apply").get_data(as_text=True)
    labels = re.findall(r'<label class="utrecht-form-label" for="[^"]+">([^<]*)', html)
    legends = re.findall(r"<legend[^>]*>([^<]*)", html)
    assert "Telefoonnummer (niet verplicht)" in labels
    assert any(text.endswith("(niet verplicht)") and "UWV" in text for text in legends)
    assert "Volledige naam" in labels and "E-mailadres" in labels  # required: no mark
