package report

// pageCSS styles the report. The text column is as wide as a book page
// and the notes float into a margin beside it, each next to the line its
// passage starts on (the Tufte sidenote layout). Where the margin does not
// fit — narrow windows, paper — the floats are hidden and the same notes
// show under their paragraph instead. Highlights are translucent so that
// overlapping passages layer visibly. Only local fonts are named.
const pageCSS = `
:root {
  --bg: #faf8f4;
  --ink: #22201c;
  --soft: #3e3a34;
  --muted: #746d62;
  --rule: #e3ddd2;
  --chip: #efeae1;
  --accent: #1d5a8c;
  --flag-bg: #fbe4dc;
  --flag-ink: #9a2d14;
  --text-w: 36rem;
  --side-w: 16.5rem;
  --gap: 2.25rem;
  --serif: Charter, "Bitstream Charter", "Sitka Text", "Iowan Old Style", Cambria, "Palatino Linotype", "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  --hl-yellow: rgba(255, 208, 0, .36);   --bd-yellow: #d9a900;
  --hl-green: rgba(72, 187, 92, .26);    --bd-green: #3c9a4e;
  --hl-blue: rgba(58, 146, 255, .22);    --bd-blue: #3a7bd5;
  --hl-pink: rgba(255, 86, 156, .22);    --bd-pink: #d6457f;
  --hl-orange: rgba(255, 140, 26, .28);  --bd-orange: #dd7411;
  --hl-purple: rgba(146, 96, 255, .22);  --bd-purple: #8457dc;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #181715;
    --ink: #e8e3da;
    --soft: #cfc8bc;
    --muted: #9d9588;
    --rule: #35322d;
    --chip: #2a2824;
    --accent: #8cbcf0;
    --flag-bg: #4a2419;
    --flag-ink: #f4b39c;
    --hl-yellow: rgba(255, 208, 0, .30);
    --hl-green: rgba(72, 187, 92, .30);
    --hl-blue: rgba(58, 146, 255, .32);
    --hl-pink: rgba(255, 86, 156, .30);
    --hl-orange: rgba(255, 140, 26, .32);
    --hl-purple: rgba(146, 96, 255, .36);
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--bg); color: var(--ink); -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font: 1.0625rem/1.62 var(--serif); font-kerning: normal; text-rendering: optimizeLegibility; }
a { color: var(--accent); text-decoration-thickness: .06em; text-underline-offset: .16em; }
a:hover { text-decoration-thickness: .12em; }
.page { max-width: calc(var(--text-w) + var(--gap) + var(--side-w) + 4rem); margin: 0 auto; padding: 3.5rem 2rem 4rem; }
main, .toc, .howto { max-width: var(--text-w); }
h1, h2, h3, h4 { font-weight: 600; line-height: 1.22; letter-spacing: -.005em; }

.masthead { padding-bottom: 1.5rem; border-bottom: 1px solid var(--rule); margin-bottom: 2rem; }
.kicker, .eyebrow, .section-title, .toc h2, .toc h3, .claim h4 {
  font: 600 .75rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: .09em; color: var(--muted); margin: 0 0 .5rem;
}
.masthead h1 { font-size: 2.5rem; margin: 0 0 .4rem; }
.masthead .meta { font: .9rem/1.5 var(--sans); color: var(--muted); margin: 0 0 1rem; }
.counts { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; margin: 0 0 1.1rem; padding: 0; font: .9rem/1.4 var(--sans); color: var(--muted); }
.counts strong { font: 600 1.35rem/1 var(--serif); color: var(--ink); margin-right: .2rem; }
.howto { font-size: .95rem; color: var(--soft); font-style: italic; margin: 0; }

.toc { margin-bottom: 3rem; }
.toc h2 { font-size: .8rem; }
.toc h3 { margin-top: 1.4rem; }
.toc h3 a { color: inherit; text-decoration: none; }
.toc ol { margin: 0; padding-left: 1.6rem; }
.toc li { margin: .15rem 0 .55rem; padding-left: .2rem; }
.toc li::marker { font: .85rem var(--sans); color: var(--muted); }
.toc li > a { text-decoration: none; }
.toc li > a:hover { text-decoration: underline; }
.toc-meta { display: block; font: .8rem/1.45 var(--sans); color: var(--muted); }

.piece { clear: both; padding-top: 2.5rem; margin-top: 2.5rem; border-top: 1px solid var(--rule); }
.piece-head { margin-bottom: 1.6rem; }
.piece-head h2 { font-size: 1.9rem; margin: 0 0 .45rem; }
.byline { font-style: italic; font-size: 1.05rem; margin: 0 0 .5rem; color: var(--soft); }
.piece-meta { font: .82rem/1.6 var(--sans); color: var(--muted); margin: 0; }
.piece-meta .tags { display: inline; }
.item-links, .item-tags { font: .85rem/1.5 var(--sans); color: var(--soft); margin: .6rem 0 0; }

.text p { margin: 0 0 1.05em; hyphens: auto; -webkit-hyphens: auto; }
mark { color: inherit; background: none; padding: .1em 0; border-radius: .15em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.c-yellow { background-color: var(--hl-yellow); }
mark.c-green { background-color: var(--hl-green); }
mark.c-blue { background-color: var(--hl-blue); }
mark.c-pink { background-color: var(--hl-pink); }
mark.c-orange { background-color: var(--hl-orange); }
mark.c-purple { background-color: var(--hl-purple); }
mark.review { text-decoration: underline wavy var(--flag-ink) 1px; text-underline-offset: .22em; }
mark:target { outline: 2px solid var(--accent); outline-offset: 1px; }
sup.num { font: 700 .62rem/0 var(--sans); color: var(--muted); margin: 0 .05rem 0 .12rem; vertical-align: .55em; }

.c-yellow { --bd: var(--bd-yellow); --hl: var(--hl-yellow); }
.c-green { --bd: var(--bd-green); --hl: var(--hl-green); }
.c-blue { --bd: var(--bd-blue); --hl: var(--hl-blue); }
.c-pink { --bd: var(--bd-pink); --hl: var(--hl-pink); }
.c-orange { --bd: var(--bd-orange); --hl: var(--hl-orange); }
.c-purple { --bd: var(--bd-purple); --hl: var(--hl-purple); }

.side {
  float: right; clear: right; width: var(--side-w);
  margin: .3rem calc(-1 * (var(--side-w) + var(--gap))) 1rem 0;
  font: .8rem/1.45 var(--sans); color: var(--soft); hyphens: manual;
}
.pn { display: block; position: relative; padding: .05rem 0 .05rem .7rem; border-left: 3px solid var(--bd, var(--rule)); }
.pn-num { position: absolute; left: -1.7rem; width: 1.2rem; text-align: right; font-weight: 700; color: var(--muted); }
.pn-p { display: block; margin-bottom: .3rem; }
.flag {
  display: inline-block; font: 700 .62rem/1.5 var(--sans); text-transform: uppercase; letter-spacing: .07em;
  color: var(--flag-ink); background: var(--flag-bg); padding: 0 .4rem; border-radius: .2rem; margin: 0 .35rem .2rem 0;
}
.why { display: block; font-style: italic; color: var(--muted); margin-bottom: .3rem; }
.tags { display: block; margin: .1rem 0 .25rem; }
.tag { display: inline-block; font: .72rem/1.5 var(--sans); color: var(--muted); background: var(--chip); padding: 0 .45rem; border-radius: 1rem; margin: 0 .05rem .15rem 0; white-space: nowrap; }
.links { display: block; }
.link { display: block; margin: .1rem 0; }
.rel { color: var(--muted); font-style: italic; white-space: nowrap; }
.out { color: var(--soft); }
.nib, .where, .strength { color: var(--muted); font-size: .92em; }
.strength::before { content: "("; }
.strength::after { content: ")"; }
.lnote { display: block; color: var(--muted); padding-left: .8rem; }
.lnote::before { content: "— "; }

.under { display: none; }

.unplaced { clear: both; margin-top: 2rem; padding: 1rem 1.2rem; background: var(--chip); border-radius: .4rem; }
.unplaced h3 { font: 600 .8rem/1.4 var(--sans); text-transform: uppercase; letter-spacing: .08em; color: var(--flag-ink); margin: 0 0 .8rem; }
.lost { margin-bottom: 1rem; }
.lost blockquote, .evidence blockquote { margin: 0 0 .4rem; padding: .15rem 0 .15rem .9rem; border-left: 3px solid var(--bd, var(--rule)); font-style: italic; }
.lost .pn { border-left: 0; padding-left: .9rem; font: .85rem/1.5 var(--sans); }

.section-title { font-size: .8rem; clear: both; padding-top: 2.5rem; margin-top: 3rem; border-top: 1px solid var(--rule); }
.claim, .fieldnote { margin: 1.5rem 0 2.5rem; }
.claim h3, .fieldnote h3 { font-size: 1.35rem; margin: 0 0 .5rem; }
.claim-note { color: var(--soft); }
.claim h4 { margin-top: 1rem; }
.evidence { list-style: none; padding: 0; margin: 0; }
.evidence li { margin: 0 0 .9rem; }
.evidence blockquote a { color: inherit; text-decoration: none; background: linear-gradient(var(--hl), var(--hl)); -webkit-box-decoration-break: clone; box-decoration-break: clone; padding: .08em 0; }
.evidence blockquote a:hover { text-decoration: underline; }
.src { font: .8rem/1.4 var(--sans); color: var(--muted); margin: 0 0 0 1rem; }
.note-meta { font: .82rem/1.5 var(--sans); color: var(--muted); margin: 0 0 .7rem; }
.fieldnote > p:not([class]) { margin: 0 0 .8em; }
:target > h2, :target > h3 { text-decoration: underline 2px var(--accent); text-underline-offset: .25em; }

.colophon { clear: both; max-width: var(--text-w); margin-top: 4rem; padding-top: 1rem; border-top: 1px solid var(--rule); font: .78rem/1.5 var(--sans); color: var(--muted); }

@media (max-width: 60rem) {
  .page { max-width: calc(var(--text-w) + 4rem); padding: 2rem 1.25rem 3rem; }
  .side { display: none; }
  .under { display: block; margin: -.35rem 0 1.3rem; padding-left: 1.7rem; font: .82rem/1.45 var(--sans); color: var(--soft); }
  .under .pn { margin: 0 0 .55rem; }
  .masthead h1 { font-size: 2rem; }
}
@media print {
  :root { --bg: #fff; --ink: #000; --soft: #222; --muted: #555; --accent: #000; }
  @page { margin: 2cm 2.2cm; }
  body { font-size: 10.5pt; line-height: 1.5; }
  .page { max-width: none; padding: 0; }
  main, .toc, .howto, .colophon { max-width: none; }
  .side { display: none; }
  .under { display: block; margin: -.3em 0 1em; padding-left: 1.7rem; font: 8.5pt/1.4 var(--sans); }
  .under .pn { margin-bottom: .4em; break-inside: avoid; }
  .piece { break-before: page; border-top: 0; margin-top: 0; padding-top: 0; }
  .section-title { break-before: page; border-top: 0; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; }
  p, blockquote { orphans: 3; widows: 3; }
  .claim, .fieldnote, .lost { break-inside: avoid; }
  mark, .tag, .flag, .unplaced, .evidence a { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
  a.source::after { content: " (" attr(href) ")"; word-break: break-all; }
}
`
