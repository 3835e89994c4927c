package report

import (
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// templates parses the report's templates once, on first use, so
// programs that never write a report pay nothing at start-up.
var templates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"plural":  plural,
		"capital": capital,
	}).Parse(strings.Replace(pageHTML, "/*CSS*/", pageCSS, 1)))
})

// plural is "1 piece", "3 pieces".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// capital upper-cases the first letter, for a scope used as a title.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// pageHTML is the page in pieces, one template per part that is written
// on its own, so the page streams. Text inside a paragraph is written with
// no whitespace between tags, since there it would show.
const pageHTML = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
{{with .App}}<meta name="generator" content="{{.}}">
{{end -}}
<title>{{capital .Scope}} — Commonplace bundle</title>
<style>/*CSS*/</style>
</head>
<body>
<div class="page">
<header class="masthead">
<p class="kicker">Commonplace · annotated bundle</p>
<h1>{{capital .Scope}}</h1>
<p class="meta">{{with .Created}}Exported <time datetime="{{$.CreatedISO}}">{{.}}</time>{{end}}{{with .App}}{{if $.Created}} with {{else}}Exported with {{end}}{{.}}{{end}}</p>
<ul class="counts">
<li><strong>{{.Counts.Pieces}}</strong> {{if eq .Counts.Pieces 1}}piece{{else}}pieces{{end}}</li>
<li><strong>{{.Counts.Annotations}}</strong> {{if eq .Counts.Annotations 1}}passage{{else}}passages{{end}}</li>
<li><strong>{{.Counts.Claims}}</strong> {{if eq .Counts.Claims 1}}claim{{else}}claims{{end}}</li>
<li><strong>{{.Counts.Links}}</strong> {{if eq .Counts.Links 1}}link{{else}}links{{end}}</li>
<li><strong>{{.Counts.Notes}}</strong> {{if eq .Counts.Notes 1}}note{{else}}notes{{end}}</li>
</ul>
<p class="howto">Highlighted passages are numbered, with the researcher’s notes beside them in the margin (below the paragraph on narrow screens and on paper). Links between passages, claims and notes jump within this page.{{if .Outside}} {{plural .Outside "item"}} referred to here {{if eq .Outside 1}}is{{else}}are{{end}} not in this bundle and {{if eq .Outside 1}}is{{else}}are{{end}} named in plain text.{{end}}</p>
</header>
<nav class="toc" aria-label="Contents">
<h2>Contents</h2>
{{with .Pieces}}<h3>Pieces</h3>
<ol class="toc-pieces">
{{range .}}<li><a href="#p-{{.ID}}">{{.Title}}</a>{{if or .Byline .Passages}}<span class="toc-meta">{{.Byline}}{{if and .Byline .Passages}} · {{end}}{{if .Passages}}{{plural .Passages "passage"}}{{end}}</span>{{end}}</li>
{{end}}</ol>
{{end}}{{with .Claims}}<h3><a href="#claims">Claims</a></h3>
<ol class="toc-claims">
{{range .}}<li><a href="#c-{{.ID}}">{{.Title}}</a></li>
{{end}}</ol>
{{end}}{{with .Notes}}<h3><a href="#notes">Notes</a></h3>
<ol class="toc-notes">
{{range .}}<li><a href="#n-{{.ID}}">{{.Title}}</a></li>
{{end}}</ol>
{{end}}</nav>
<main>
{{end}}

{{- define "links" -}}
<span class="links">{{range .}}<span class="link"><span class="rel">{{.Rel}}</span> {{if .Href}}<a href="{{.Href}}">{{if eq .Kind "passage"}}“{{.Label}}”{{else}}{{.Label}}{{end}}</a>{{else}}<span class="out">{{if eq .Kind "passage"}}“{{.Label}}”{{else}}{{.Label}}{{end}}</span> <span class="nib">(not in this bundle)</span>{{end}}{{with .Where}} <span class="where">in {{.}}</span>{{end}}{{with .Strength}} <span class="strength">{{.}}</span>{{end}}{{with .Note}} <span class="lnote">{{.}}</span>{{end}}</span>{{end}}</span>
{{- end}}

{{- define "attached" -}}
<span class="links">{{range .}}<span class="link"><span class="rel">note</span> <a href="{{.Href}}">{{.Label}}</a></span>{{end}}</span>
{{- end}}

{{- define "tags" -}}
<span class="tags">{{range .}}<span class="tag">#{{.}}</span> {{end}}</span>
{{- end}}

{{- define "pnote" -}}
<span class="pn {{.Class}}">{{if .Num}}<span class="pn-num">{{.Num}}</span>{{end}}{{with .Flag}}<span class="flag">{{.}}</span>{{end}}{{range .Note}}<span class="pn-p">{{.}}</span>{{end}}{{with .Why}}<span class="why">{{.}}</span>{{end}}{{with .Tags}}{{template "tags" .}}{{end}}{{with .Links}}{{template "links" .}}{{end}}{{with .Attached}}{{template "attached" .}}{{end}}</span>
{{- end}}

{{- define "piece-head" -}}
<article class="piece" id="p-{{.ID}}">
<header class="piece-head">
{{if or .Outlet .Published}}<p class="eyebrow">{{with .Outlet}}<span class="outlet">{{.}}</span>{{end}}{{if and .Outlet .Published}} · {{end}}{{with .Published}}<time datetime="{{$.PublishedISO}}">{{.}}</time>{{end}}</p>
{{end}}<h2>{{.Title}}</h2>
{{with .Authors}}<p class="byline">{{.}}</p>
{{end}}<p class="piece-meta">{{plural .Passages "passage"}}{{with .URL}} · <a class="source" href="{{.}}" rel="noopener noreferrer">{{$.Host}}</a>{{end}}{{with .Tags}} · {{template "tags" .}}{{end}}</p>
{{with .Links}}<p class="item-links">{{template "links" .}}</p>
{{end}}{{with .Attached}}<p class="item-links">{{template "attached" .}}</p>
{{end}}</header>
<div class="text">
{{end}}

{{- define "piece-foot" -}}
</div>
{{with .Unplaced}}<section class="unplaced">
<h3>Passages without a place in the current text</h3>
{{range .}}<div class="lost" id="a-{{.ID}}"><blockquote class="{{.Class}}">{{.Quote}}</blockquote>{{template "pnote" .}}</div>
{{end}}</section>
{{end}}</article>
{{end}}

{{- define "claims-head" -}}
<section class="claims" id="claims">
<h2 class="section-title">Claims</h2>
{{end}}

{{- define "notes-head" -}}
<section class="notes" id="notes">
<h2 class="section-title">Notes</h2>
{{end}}

{{- define "section-end" -}}
</section>
{{end}}

{{- define "claim" -}}
<article class="claim" id="c-{{.ID}}">
<h3>{{.Statement}}</h3>
{{range .Note}}<p class="claim-note">{{.}}</p>
{{end}}{{with .Tags}}<p class="item-tags">{{template "tags" .}}</p>
{{end}}{{with .Evidence}}<h4>Evidence</h4>
<ol class="evidence">
{{range .}}<li>{{if .Href}}<blockquote class="{{.Class}}"><a href="{{.Href}}">{{.Quote}}</a></blockquote><p class="src">{{.Where}}</p>{{else}}<p class="src"><span class="out">“{{.Quote}}”</span> <span class="nib">(not in this bundle)</span></p>{{end}}</li>
{{end}}</ol>
{{end}}{{if or .Links .Attached}}<p class="item-links">{{with .Links}}{{template "links" .}}{{end}}{{with .Attached}}{{template "attached" .}}{{end}}</p>
{{end}}</article>
{{end}}

{{- define "note" -}}
<article class="fieldnote" id="n-{{.ID}}">
<h3>{{.Title}}</h3>
<p class="note-meta"><time datetime="{{.DateISO}}">{{.Date}}</time>{{with .Place}} · <span class="place">{{.}}</span>{{end}}{{with .Attached}} · on the {{.Kind}} {{if .Href}}<a href="{{.Href}}">{{if eq .Kind "passage"}}“{{.Label}}”{{else}}{{.Label}}{{end}}</a>{{else}}<span class="out">{{.Label}}</span> <span class="nib">(not in this bundle)</span>{{end}}{{with .Where}} <span class="where">in {{.}}</span>{{end}}{{end}}</p>
{{range .Body}}<p>{{.}}</p>
{{end}}{{with .Tags}}<p class="item-tags">{{template "tags" .}}</p>
{{end}}{{if or .Links .Attachments}}<p class="item-links">{{with .Links}}{{template "links" .}}{{end}}{{with .Attachments}}{{template "attached" .}}{{end}}</p>
{{end}}</article>
{{end}}

{{- define "foot" -}}
</main>
<footer class="colophon">
<p>Made with {{.App}}. This page is complete in itself: it needs no network, scripts or fonts, and prints as it reads.</p>
</footer>
</div>
</body>
</html>
{{end}}`
