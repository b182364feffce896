from django import forms
from django.core.validators import MaxValueValidator

from core.ids import IdField


class AnswerForm(forms.Form):
    choice = forms.IntegerField(min_value=0)

    def __init__(self, *args, choices: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].validators.append(MaxValueValidator(choices - 1))


class AssignmentForm(forms.Form):
    """?assignment=ID on the quiz page: the classroom assignment the attempt counts for."""

    assignment = IdField(required=False)


class QuestionEditForm(forms.Form):
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="One choice per line.", max_length=4000
    )
    answer = forms.IntegerField(min_value=1, label="Right choice (line number)")
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def clean_choices(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        choices = [line for line in lines if line]
        if len(choices) < 2:
            raise forms.ValidationError("Give at least two choices.")
        if len({c.casefold() for c in choices}) != len(choices):
            raise forms.ValidationError("The choices must be different from each other.")
        return choices

    def clean(self):
        data = super().clean()
        choices, answer = data.get("choices"), data.get("answer")
        if choices and answer and answer > len(choices):
            self.add_error("answer", f"There are only {len(choices)} choices.")
        return data


class MoveForm(forms.Form):
    offset = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)
