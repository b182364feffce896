from django import forms


class WordForm(forms.Form):
    """A token address from the URL: sentence and token index."""

    s = forms.IntegerField(min_value=0, max_value=100_000)
    t = forms.IntegerField(min_value=0, max_value=10_000)


class PositionForm(forms.Form):
    """Where the reader is: a sentence index (reader.models.ReadingPosition)."""

    s = forms.IntegerField(min_value=0, max_value=100_000)
