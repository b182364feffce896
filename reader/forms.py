from django import forms


class PositionForm(forms.Form):
    """Where the reader is: a sentence index (reader.models.ReadingPosition)."""

    s = forms.IntegerField(min_value=0, max_value=100_000)
