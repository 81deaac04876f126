#!/usr/bin/env python3
"""The generated corpus as a Hugo site, to time Hugo beside spodeli on the same content.

    benches/hugo-site.py CORPUS OUT

Practices keep their Markdown files per language (Hugo reads `index.bg.md` / `index.en.md` as
translations), with `meta.yaml`'s shared fields merged into each file's front matter; projects
(YAML form) become one Markdown file per language. Organisations are left out (Hugo has no
content in YAML files). The layouts are minimal but do what spodeli's pages do in bulk: a page
per entry, paginated listings, and a page per theme, level and tag with its entries. Entry pages
mark their body and their type, themes, levels, programme and year for Pagefind (the search
benchmark indexes the built site with it, as spodeli indexes its entries).
"""
import os
import sys

import yaml

corpus, out = sys.argv[1], sys.argv[2]
langs = ["bg", "en"]


def pick(value, lang):
    if isinstance(value, dict) and set(value) <= set(langs):
        return value.get(lang)
    if isinstance(value, list):
        return [pick(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: pick(v, lang) for k, v in value.items()}
    return value


def write(path, front, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n" + yaml.safe_dump(front, allow_unicode=True, default_flow_style=None) + "---\n" + body)


def dates(front):
    for k, v in list(front.items()):
        if hasattr(v, "isoformat"):
            front[k] = v.isoformat()
    return front


def from_markdown(source, meta, target):
    _, head, body = open(source, encoding="utf-8").read().split("---\n", 2)
    front = {**meta, **(yaml.safe_load(head) or {})}
    write(target, dates(front), body)


def from_yaml(source, target_dir):
    data = yaml.safe_load(open(source, encoding="utf-8"))
    for lang in langs:
        front = pick(data, lang)
        body = front.pop("body", "") or ""
        write(os.path.join(target_dir, f"index.{lang}.md"), dates(front), body)


practices = os.path.join(corpus, "content/practices")
for name in sorted(os.listdir(practices)):
    source = os.path.join(practices, name)
    if name.endswith(".yaml"):
        from_yaml(source, os.path.join(out, "content/practices", name[:-5]))
        continue
    if name.endswith(".md"):
        slug, lang = name[:-3].rsplit(".", 1)
        from_markdown(source, {}, os.path.join(out, "content/practices", slug, f"index.{lang}.md"))
        continue
    slug, folder = name, source
    meta = {}
    if os.path.exists(os.path.join(folder, "meta.yaml")):
        meta = yaml.safe_load(open(os.path.join(folder, "meta.yaml"), encoding="utf-8")) or {}
    for lang in langs:
        source = os.path.join(folder, f"index.{lang}.md")
        if not os.path.exists(source):
            continue
        from_markdown(source, meta, os.path.join(out, "content/practices", slug, f"index.{lang}.md"))
    # The entry's other files (photos, downloads) become the page bundle's resources.
    for asset in sorted(os.listdir(folder)):
        if asset != "meta.yaml" and not asset.endswith(".md"):
            target = os.path.join(out, "content/practices", slug, asset)
            if not os.path.exists(target):
                os.link(os.path.join(folder, asset), target)

projects = os.path.join(corpus, "content/projects")
for name in sorted(os.listdir(projects)):
    if name.endswith(".yaml"):
        from_yaml(os.path.join(projects, name), os.path.join(out, "content/projects", name[:-5]))

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
    f.write('''baseURL = "https://bench.example/"
defaultContentLanguage = "bg"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS"]
[pagination]
pagerSize = 12
[taxonomies]
theme = "themes"
level = "levels"
tag = "tags"
[languages.bg]
title = "Генериран сайт"
weight = 1
[languages.en]
title = "Generated site"
weight = 2
''')
layouts = {
    "_default/baseof.html": '<!DOCTYPE html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a><nav>{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Lang }}</a>{{ end }}</nav></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
    "_default/single.html": '{{ define "main" }}<article data-pagefind-body><span data-pagefind-filter="type" hidden>{{ .Section }}</span>{{ range .Params.themes }}<span data-pagefind-filter="theme" hidden>{{ . }}</span>{{ end }}{{ range .Params.levels }}<span data-pagefind-filter="level" hidden>{{ . }}</span>{{ end }}{{ with .Params.programme }}<span data-pagefind-filter="programme" hidden>{{ . }}</span>{{ end }}<span data-pagefind-filter="year" hidden>{{ .Date.Year }}</span><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>{{ with .GetTerms "themes" }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}{{ .Content }}{{ range .Resources.ByType "image" }}{{ $o := .Filter images.AutoOrient }}<picture>{{ range slice 400 800 1200 1600 }}{{ if le . $o.Width }}{{ $w := $o.Resize (printf "%dx webp q75" .) }}{{ $j := $o.Resize (printf "%dx jpg q80" .) }}<source srcset="{{ $w.RelPermalink }} {{ . }}w"><img src="{{ $j.RelPermalink }}" width="{{ $j.Width }}" height="{{ $j.Height }}" alt="">{{ end }}{{ end }}</picture>{{ $s := $o.Fill "1200x630 jpg q80 Center" }}<link rel="preload" href="{{ $s.RelPermalink }}">{{ end }}</article>{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Params.summary }}</p></article>{{ end }}{{ template "_internal/pagination.html" . }}{{ end }}',
    "_default/terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}',
    "index.html": '{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ range first 6 (where .Site.RegularPages "Section" "practices") }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}',
}
for name, text in layouts.items():
    path = os.path.join(out, "layouts", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w", encoding="utf-8").write(text)
