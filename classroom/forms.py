from django import forms
from django.core.exceptions import ValidationError

from classroom.uploads import MAX_UPLOAD_BYTES, check_german, text_from_upload
from classroom.url_import import article_from_url


class ClassroomForm(forms.Form):
    name = forms.CharField(max_length=120, label="Class name")


class JoinForm(forms.Form):
    code = forms.CharField(max_length=32, label="Join code")


class ArticleForm(forms.Form):
    """Paste a text, upload a file or give a web address: the file wins, then the address.
    A page's own title, site and date fill the fields left empty."""

    title = forms.CharField(
        max_length=300, required=False, help_text="Taken from the page if empty."
    )
    source = forms.CharField(max_length=200, required=False)
    published = forms.DateField(
        required=False, label="Date", widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12, "lang": "de"}), strip=False
    )
    file = forms.FileField(
        required=False,
        help_text=f".txt, .md, .html, .epub, .pdf, .srt or .vtt, up to "
        f"{MAX_UPLOAD_BYTES // 2**20} MB (.epub and .pdf 10 MB).",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".txt,.md,.markdown,.html,.htm,.epub,.pdf,.srt,.vtt"}
        ),
    )

    url = forms.URLField(
        required=False,
        label="Or its web address",
        assume_scheme="https",
        max_length=2000,
        help_text="The page's article text is fetched; menus and footers are left out.",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if not upload and data.get("url"):
            try:
                page = article_from_url(data["url"])
            except ValidationError as error:
                self.add_error("url", error)
                return data
            data["text"] = page.text
            data["title"] = data.get("title") or page.title
            data["source"] = data.get("source") or page.source
            data["published"] = data.get("published") or page.published
            field = "url"
        elif upload:
            try:
                data["text"] = text_from_upload(upload)
            except ValidationError as error:
                self.add_error("file", error)
                return data
            field = "file"
        else:
            field = "text"
        text = data.get("text") or ""
        if not text.strip():
            self.add_error("text", "Paste the article's text, upload a file or give its address.")
            return data
        if not data.get("title"):
            self.add_error("title", "Give the article a title.")
        try:
            check_german(text)
        except ValidationError as error:
            self.add_error(field, error)
        return data


class AssignmentForm(forms.Form):
    article = forms.ModelChoiceField(queryset=None)
    due_at = forms.DateTimeField(
        required=False,
        label="Due",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    closed_book = forms.BooleanField(
        required=False,
        label="Closed book",
        help_text="The article is hidden while students answer the quiz.",
    )

    def __init__(self, *args, articles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = articles


class AssignmentQuizForm(forms.Form):
    """An assignment's quiz settings, changed after it was set."""

    closed_book = forms.BooleanField(
        required=False,
        label="Closed book",
        help_text="The article is hidden while students answer the quiz.",
    )


class GlossForm(forms.Form):
    key = forms.CharField(max_length=200)
    gloss = forms.CharField(max_length=200, required=False, help_text="Empty removes the gloss.")


class CompoundForm(forms.Form):
    """Parts as `Teil = gloss` separated by `+`: `Rakete = rocket + Werfer = launcher`.
    No parts removes the compound note."""

    key = forms.CharField(max_length=200)
    parts = forms.CharField(max_length=500, required=False)

    def clean_parts(self):
        parts = []
        for chunk in self.cleaned_data["parts"].split("+"):
            part, _, gloss = chunk.partition("=")
            part, gloss = part.strip(), gloss.strip()
            if part:
                parts.append({"part": part, "lemma": part, "gloss": gloss or None})
        if len(parts) == 1:
            raise ValidationError("A compound needs at least two parts, separated by +.")
        return parts


class IdiomAddForm(forms.Form):
    sentence = forms.IntegerField(min_value=0, max_value=100_000)
    tokens = forms.CharField(max_length=200, help_text="Word numbers in the sentence, e.g. 3 5 9")
    lemma = forms.CharField(max_length=200, label="Idiom")
    gloss = forms.CharField(max_length=200, required=False, label="Meaning")

    def clean_tokens(self):
        try:
            tokens = sorted({int(t) for t in self.cleaned_data["tokens"].replace(",", " ").split()})
        except ValueError:
            raise ValidationError("Give the words as numbers separated by spaces.") from None
        if not tokens or min(tokens) < 0:
            raise ValidationError("Choose at least one word.")
        return tokens


class IdiomRemoveForm(forms.Form):
    sentence = forms.IntegerField(min_value=0, max_value=100_000)
    lemma = forms.CharField(max_length=200)


class ReviewWordForm(forms.Form):
    s = forms.IntegerField(min_value=0, max_value=100_000)
    t = forms.IntegerField(min_value=0, max_value=10_000)
