"""The documents page, one page per kind of document, and links to documents from other pages."""

import functools
import os
import urllib.parse

from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from images.images import ImagesFeature
from images.markup import picture
from images.store import Request, Use
from multilingual.cldr import cldr, language_in
from multilingual.contacts import mailto
from multilingual.localization import format_local_date
from multilingual.model import Feature, FeatureError
from multilingual.romanize import slugify
from multilingual.settings import read_settings as read_multilingual_settings
from multilingual.site import Page, Version
from site_data import EditorError, LocalText, Problem, tr
from site_data.translations import outdated_languages

from .pdf import read_pdf
from .settings import read_settings

TEMPLATE = "documents"
# The width of a cover on the page (site.css, .th-documents__cover): 8rem.
COVER_SIZES = "8rem"


def sorted_documents(documents):
    """Return the documents newest first; undated ones last, in the order of the file."""
    return sorted(
        documents,
        key=lambda doc: (doc.get("date") is not None, doc["date"].sort_key if doc.get("date") else ()),
        reverse=True,
    )


def file_size(size, locale):
    """Return a file size as readers expect it (e.g. "245 kB", "1.2 MB"), in the locale's words."""
    if size < 1000 * 1000:
        return cldr(format_unit, max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=str(locale))
    return cldr(
        format_unit, size / 1000 / 1000, "digital-megabyte", length="short", format="#,##0.#", locale=str(locale)
    )


def partner_list(names, lang, locale):
    """Return the partners' names as one text joined as the language joins a list (Babel), or None.

    The text is in ``lang`` only if every name is; otherwise it is marked as Bulgarian,
    the language a missing translation falls back to.
    """
    if not names:
        return None
    text = cldr(format_list, [name.text for name in names], locale=str(locale))
    same = all(name.lang == names[0].lang for name in names)
    return LocalText(text, names[0].lang if same else lang)


class DocumentLinks:
    """How other plugins link to a document: its entry on the documents page of a language."""

    def __init__(self, site, page_key, documents):
        self.site = site
        self.page_key = page_key
        self.documents = {doc["id"]: doc for doc in documents}

    def link(self, document_id, lang):
        """Return {title, href, available} of a document for a page in ``lang``."""
        document = self.documents[document_id]
        return {
            "title": document["title"].in_lang(lang),
            "href": f"{self.site.url_for(self.page_key, lang)}#document-{document_id}",
            "available": bool(document.get("file")),
        }


class DocumentsFeature(Feature):
    """List the documents in every language, with a page per kind and links from other pages."""

    datasets = ("documents", "document_kinds", "contacts")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.entries = {}
        self.pdfs = {}
        self.covers = None
        # How other plugins (the timeline) link to a document, once contribute() has run.
        self.links = None

    def contribute(self, model):
        """Check the documents page, add a page per kind, and make the links to the documents."""
        site, data = model.site, model.data
        key = self.options["DOCUMENTS_PAGE_KEY"]
        if key not in site.pages:
            raise EditorError(
                [
                    Problem(
                        f"content/pages/{key}.{site.default_lang}.md",
                        1,
                        tr("there is no documents page"),
                        tr(
                            "create content/pages/{key}.{lang}.md with a 'Title:' and 'Template: documents'",
                            key=key,
                            lang=site.default_lang,
                        ),
                    )
                ]
            )
        documents = sorted_documents(data.get("documents") or [])
        kinds = {kind["id"]: kind for kind in data.get("document_kinds") or []}
        partners = data.index("partners")
        email = (data.get("contacts") or {}).get("email")
        self.pdfs = self._read_pdfs(model, documents)
        locales = read_multilingual_settings(self.settings)["MULTILINGUAL_LANGUAGES"]
        for lang in site.languages:
            self.entries[lang] = [
                self._entry(site, doc, lang, locales[lang], kinds, partners, email) for doc in documents
            ]
        used = [kind for kind in kinds.values() if any(doc["kind"] == kind["id"] for doc in documents)]
        kind_pages = self._add_kind_pages(site, key, used)
        site.add_context_provider(key, functools.partial(self.list_context, kind_pages, None))
        for kind_id, page in kind_pages.items():
            for version in page.versions.values():
                version.extra.update(self.list_context(kind_pages, kind_id, site, version))
        for page_key in dict.fromkeys(page for doc in documents for page in doc.get("pages", [])):
            site.add_context_provider(page_key, functools.partial(self.related_context, page_key))
        self.links = DocumentLinks(site, key, documents)

    def _read_pdfs(self, model, documents):
        """Return {path: PdfInfo} of the documents' PDFs; render their covers; report what is wrong with them."""
        found, problems, requests = {}, [], []
        for doc in documents:
            path = doc.get("file")
            if not path or not path.lower().endswith(".pdf"):
                continue
            line = doc.key_lines.get("file", doc.line)
            info, found_problems = read_pdf(os.path.join(self.settings["PATH"], path), path, doc.path, line)
            problems += found_problems
            if info is not None:
                found[path] = info
                requests.append(
                    Request(
                        path,
                        kind="pdf",
                        uses=[Use(doc.path, line)],
                        widths=tuple(self.options["DOCUMENTS_COVER_WIDTHS"]),
                    )
                )
        images = model.feature(ImagesFeature)
        if requests and images is None:
            raise FeatureError('documents: the images plugin publishes the covers of PDFs; add "images" to PLUGINS')
        if images is not None:
            self.covers = images.store
            problems += self.covers.prepare(requests)
        model.report(problems)
        return found

    def _file(self, site, path, lang, locale):
        """Return what an entry shows of its file: link, format, pages, size, cover."""
        size = os.path.getsize(os.path.join(self.settings["PATH"], path))
        info = self.pdfs.get(path)
        cover = self.covers.get(path) if info is not None else None
        url = site.absolute
        return {
            "href": url(urllib.parse.quote(path)),
            "format": os.path.splitext(path)[1].lstrip(".").upper(),
            "size": file_size(size, locale),
            "pages": info.pages if info else None,
            "pages_text": cldr(format_decimal, info.pages, locale=str(locale)) if info else None,
            "cover": picture(cover, "", COVER_SIZES, lambda name: url(urllib.parse.quote(name))) if cover else None,
            "cover_eager": picture(cover, "", COVER_SIZES, lambda name: url(urllib.parse.quote(name)), eager=True)
            if cover
            else None,
        }

    def _entry(self, site, doc, lang, locale, kinds, partners, email):
        """Return what the templates show of one document in ``lang``.

        A document without a file gets a request link (an e-mail with the subject
        filled in) once data/contacts.yaml has an e-mail address; before that, nothing.
        """
        date, path = doc.get("date"), doc.get("file")
        title = doc["title"].in_lang(lang)
        request_href = None
        if not path and email:
            subject = site.catalogs[lang].gettext("Request for a document: %(title)s") % {"title": title.text}
            request_href = mailto(email, subject)
        file = self._file(site, path, lang, locale) if path else None
        codes = doc.get("languages", [])
        languages = [language_in(code, locale) for code in codes]
        return {
            "id": doc["id"],
            "anchor": f"document-{doc['id']}",
            "kind_id": doc["kind"],
            "kind": kinds[doc["kind"]]["singular"].in_lang(lang),
            "title": title,
            "date_iso": date.iso if date else None,
            "date_text": format_local_date(date, locale) if date else None,
            # Said on the page only when the document is not in the page's language.
            "languages": cldr(format_list, languages, locale=str(locale)) if languages and lang not in codes else None,
            # hreflang can name one language; a document in several has the visible list only.
            "hreflang": codes[0] if len(codes) == 1 else None,
            "partners": partner_list(
                [partners[partner]["name"].in_lang(lang) for partner in doc.get("partners", [])], lang, locale
            ),
            "pages": doc.get("pages", []),
            "file": file,
            "request_href": request_href,
        }

    def _add_kind_pages(self, site, key, kinds):
        """Add a page per kind under the documents page; fail on an address already taken."""
        taken = {version.url: page.key for page in site.pages.values() for version in page.versions.values()}
        landing = site.pages[key]
        pages, problems = {}, []
        for kind in kinds:
            page = Page(key=f"{key}-{kind['id']}", kind="documents-kind", parent=key)
            outdated = outdated_languages(kind, site.languages, site.default_lang)
            for lang in site.languages:
                title = kind["plural"].in_lang(lang)
                url = landing.versions[lang].url + slugify(title.text, title.lang) + "/"
                if url in taken:
                    problems.append(
                        Problem(
                            kind.path,
                            kind.key_lines.get("plural", kind.line),
                            tr(
                                "the page of the kind '{kind}' would have the address /{url}, which is also the address of '{other}'",
                                kind=kind["id"],
                                url=url,
                                other=taken[url],
                            ),
                            tr("give the kind another plural name in that language"),
                        )
                    )
                taken[url] = page.key
                page.versions[lang] = Version(
                    page.key,
                    lang,
                    url,
                    title=title,
                    template=TEMPLATE,
                    content_lang=lang,
                    outdated=lang in outdated,
                )
            pages[kind["id"]] = page
        if problems:
            raise EditorError(problems)
        for page in pages.values():
            site.add(page)
        return pages

    # Template data, per page version ------------------------------------------------------

    def list_context(self, kind_pages, kind_id, site, version):
        """The documents page (``kind_id`` None) or the page of one kind, with the links between them."""
        lang = version.lang
        entries = self.entries[lang]
        filters = [
            {
                "title": None,
                "href": site.url_for(self.options["DOCUMENTS_PAGE_KEY"], lang),
                "count": len(entries),
                "current": kind_id is None,
            }
        ]
        for other, page in kind_pages.items():
            filters.append(
                {
                    "title": page.versions[lang].title,
                    "href": site.url_for(page.key, lang),
                    "count": sum(1 for entry in entries if entry["kind_id"] == other),
                    "current": other == kind_id,
                }
            )
        shown = entries if kind_id is None else [entry for entry in entries if entry["kind_id"] == kind_id]
        # The first cover of a page is fetched at once, like the first image of any page.
        first = next((index for index, entry in enumerate(shown) if entry["file"] and entry["file"]["cover"]), None)
        if first is not None:
            entry = shown[first]
            shown = (
                shown[:first]
                + [{**entry, "file": {**entry["file"], "cover": entry["file"]["cover_eager"]}}]
                + shown[first + 1 :]
            )
        return {"documents": shown, "document_filters": filters if kind_pages else []}

    def related_context(self, page_key, site, version):
        """A page that lists the documents related to it (data/documents.yaml 'pages')."""
        return {
            "related_documents": [entry for entry in self.entries[version.lang] if page_key in entry["pages"]],
            "documents_href": site.url_for(self.options["DOCUMENTS_PAGE_KEY"], version.lang),
        }
