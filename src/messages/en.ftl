# spodeli's own messages in English: what the tool says to the person running it (problems,
# hints, progress, summaries, the serve overlay). A site's interface strings are in locales/.
# Every message here must also be in bg.ftl, with the same variables (a test checks).

## Severity

severity-error = error
severity-warning = warning

## Problems, one message per kind

io = { $detail }
invalid-utf8 = the file is not UTF-8 text: save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)
invalid-utf8-looks-like = the file is not UTF-8 text; it looks like { $encoding }: save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8; in LibreOffice: Save as → Text, UTF-8)
yaml = invalid YAML: { $detail }
missing-front-matter = missing front matter: expected the file to start with a line `---`, the YAML fields, and another `---`
unclosed-front-matter = unclosed front matter: expected a line `---` after the YAML fields
wrong-type = `{ $field }`: { $detail }
bad-date = `{ $field }`: invalid date `{ $value }`: { $detail }
missing-field = missing required field `{ $field }`
missing-field-in = missing required field `{ $field }` (language `{ $lang }`)
too-long = `{ $field }` is { $length } characters long; expected at most { $max } (it is shown on cards and in search results)
invalid = `{ $field }`: { $detail }
unknown-field = unknown field `{ $field }`; known fields: { $known }
unknown-field-near = unknown field `{ $field }`; did you mean `{ $suggestion }`?
unread-key = `{ $field }` is not a known key here, so it is not used
cut-text = a comma cut this text: inside `{"{"} {"}"}` a comma ends a text that is not in quotes, so „{ $before }“ was read as the text and „{ $key }“ as a key without a value: put the whole text in quotes, "{ $before }, { $key }"
link-outside-site = a symbolic link to { $target }, outside the site folder: spodeli follows links only inside the site folder (so nothing from elsewhere on the computer is published by accident); copy the file into the site instead
link-to-nothing = a symbolic link to { $target }, which does not exist: remove the link or restore the file
duplicate-key = `{ $key }` is written twice (first at { $first }): only one value can count; keep the one you mean
invalid-not-a-number = `{ $value }` is not a number: write a number such as 80
control-character = `{ $field }` holds the control character { $code }, which a page cannot show: remove the escape that wrote it
unknown-code = unknown { $vocabulary } code `{ $code }`{ $hint }
unknown-reference = unknown { $kind ->
    [organisation] organisation
    [project] project
    [practice] practice
   *[other] entry
} `{ $id }`{ $hint }
conflict = `{ $field }` differs from its value in { $other }: a language-neutral field must be the same in every language (write it once)
duplicate-entry = duplicate entry: { $other } already defines it
bad-file-name = unexpected file name: expected { $expected }
no-language = no language version: expected index.<lang>.md for one of: { $languages }
broken-link = broken link `{ $target }`: { $detail }
missing-asset = missing file `{ $file }`: expected it in { $folder }
missing-asset-single-file = missing file `{ $file }`: expected it in a folder { $folder } (move the entry into the folder form, { $folder }index.<lang>.md, to keep files beside it)
photo-unreadable = the photo `{ $file }` cannot be read ({ $detail }): the file is damaged or cut short; copy it again from the camera or phone, or open it in an image editor and save it again as JPEG
photo-not-a-photo = `{ $file }` is not a photo: it holds { $found }; put the photo itself in its place, or name the file for what it is
photo-unsupported = the photo `{ $file }` is in { $format }, which not every browser can show and spodeli does not read: convert it to JPEG (on an iPhone, Settings → Camera → Formats → Most Compatible takes JPEG from then on; on a computer, open it and export or save it as JPEG)
photo-too-large = the photo `{ $file }` declares { $width } × { $height } pixels, more than the limit of { $limit } megapixels: make it smaller in an image editor, or raise `images.max_megapixels` in site.yaml if it really is that large
photo-misnamed = `{ $file }` is named like another format but holds a { $format } image: it is published as { $format }; rename the file to match
photo-name-taken = the photo `{ $file }` would be published under the same names as `{ $other }` beside it (the copies are named after the file without its extension): rename one of them
photo-unused = { $detail } — no page shows or links this file, so it is left out of the site
photo-holds-pdf = a PDF document
photo-holds-zip = a ZIP archive or an office document
photo-holds-html = a web page (HTML)
photo-holds-xml = XML or SVG
photo-holds-nothing = nothing (it is empty)
photo-holds-unknown = no image format spodeli knows
photo-holds-video = a video or another media file
config-image-widths = give the widths of photo copies as a list of numbers from 16 to 8000, for example [400, 800, 1200, 1600]
config-image-quality = give a quality from 1 to 100 (75 for WebP and 80 for JPEG are the defaults)
config-image-formats = name at least one format of photo copies: [webp, jpeg] (the default), [webp] or [jpeg]
config-image-pixels = give the largest photo read in megapixels, 1 or more (100 is the default)
missing-message = `{ $key }` has no translation for language `{ $lang }`: add it to { $target }
fluent = Fluent: { $detail }
template = template: { $detail }
config = `{ $field }`: { $detail }
unsafe-output = refusing to write the site into { $path }: { $detail }
book-failed = the { $format } of this handbook cannot be made: { $detail }. The text here is where the typesetting stopped: simplify it (fewer nested lists or quotes, shorter table rows), or write to the spodeli project with this file.

## Hints

hint-none = {""}
hint-codes = ; the codes are: { $codes } (`spodeli codes { $vocabulary }` shows them with their labels)
hint-did-you-mean-code = ; did you mean `{ $suggestion }` ({ $label })?
hint-did-you-mean = ; did you mean `{ $suggestion }`?

## What was found and what was expected

shape-found-expected = expected { $expected } (found { $found })
shape-missing-field = missing field `{ $field }`
shape-organisation = expected an organisation's id, or its `name`, `city` and `country`
shape-other = { $detail }
found-text = the text { $value }
found-number = the number { $value }
found-yes-no = { $value }
found-list = a list
found-map = `key: value` lines
found-nothing = nothing (the value is empty)
found-other = { $value }
expected-text = a text
expected-number = a number
expected-whole-number = a whole number
expected-yes-no = true or false
expected-list = a list
expected-map = `key: value` lines
expected-other = { $value }

## Dates

date-expected-iso = expected a date as YYYY-MM-DD, e.g. 2016-09-01
date-write-iso = write dates as YYYY-MM-DD: `{ $iso }`
date-no-such-day = there is no day { $day } in month { $month } (it has { $days } days)
date-no-such-month = there is no month { $month }: expected 01 to 12

## YAML syntax

yaml-syntax = { $detail }
yaml-too-deep = brackets nest deeper than { $max } levels here: spodeli reads at most { $max }
yaml-not-a-mapping = expected `field: value` lines
yaml-tab = a tab is used for indentation: YAML indents with spaces only (replace the tab with two spaces)
yaml-colon-in-text = the text of `{ $key }` holds a colon followed by a space: put the whole text in quotes, e.g. `{ $key }: "…: …"`
yaml-indented-under-value = this line is indented under `{ $key }` (line { $line }), which already has a value: remove the indentation, or put the text of `{ $key }` in quotes on one line

## Files and folders

io-reading = cannot read { $path }: { $reason }
io-writing = cannot write { $path }: { $reason }
io-copying = cannot copy { $path }: { $reason }
io-creating-folder = cannot create the folder { $path }: { $reason }
io-clearing-staging = cannot clear the staging folder { $path }: { $reason }
io-moving-aside = cannot move the previous output { $path } aside: { $reason }
io-moving-in = cannot move the new output into { $path }: { $reason }
io-removing-previous = cannot remove the previous output { $path }: { $reason }
io-packing = cannot write the package: { $detail }
os-not-found = no such file or folder
os-permission-denied = permission denied
os-already-exists = it already exists
os-storage-full = the disk is full
os-read-only = the disk is read-only
os-is-a-folder = it is a folder, not a file
os-not-a-folder = it is a file, not a folder
os-busy = it is in use (a mount point?)
os-other = { $detail }
output-no-parent = it has no parent folder
output-dot-dot = the path must name a folder, not end in `..`
output-contains-site = it is the site folder or a folder containing it; the build replaces the whole output folder
output-inside-sources = it is inside the site's { $folder }/ folder
output-is-a-file = it is a file, not a folder
file-name-entry = <slug>.{"{"}{ $languages }{"}"}.md, <slug>.yaml, or a folder <slug>/ with index.<lang>.md
file-name-section = one of the folders { $folders }
file-name-slug = a slug of lowercase ASCII letters, digits and hyphens, e.g. `{ $slug }`
file-name-handbook = index.<lang>.md, index.yaml or a chapter <NN>-<slug>.<lang>.md (lang: { $languages })
file-name-chapter = a chapter named <NN>-<slug>.<lang>.md, e.g. 01-introduction.bg.md
file-name-chapter-number = one slug per chapter number: chapter { $number } is `{ $slug }`
file-name-chapter-slug = a slug no other chapter has (`{ $slug }` is taken)
file-name-reserved = a slug other than { $reserved }, which the site's own pages use
file-name-locale = locales/<lang>/<name>.ftl with <lang> one of { $languages } (not read)

## site.yaml

config-not-a-site = no site.yaml in { $root }: run spodeli in a site folder, name one with --root, or start one with `spodeli new site <folder>`
config-no-languages = expected one or more of { $supported }
config-unsupported-language = unsupported language `{ $lang }`: expected some of { $supported }
config-default-language = `{ $lang }` is not one of the site's languages ({ $languages })
config-base-url-not-absolute = expected an absolute address such as https://school.example/praktiki/
config-base-url-option = `{ $url }` is not an absolute address: expected one such as https://school.example/praktiki/
config-base-url-missing = not set: canonical links, the sitemap and feeds will point at http://localhost:1111/
config-colour = expected a colour as #rrggbb
config-contrast = contrast with white is { $contrast }:1; WCAG AA needs 4.5:1 for text: choose a darker colour
config-paginate = expected a number of entries per page, 1 or more
theme-not-found = theme `{ $name }` not found: expected a folder themes/{ $name }/ or the built-in theme `default`

## Entries

invalid-end-before-start = ends before it starts ({ $start })
invalid-address = `{ $address }` is not an address a page can link to: write it in full, starting with https:// (e.g. https://{ $address })
invalid-address-scheme = a `{ $scheme }:` address is not linked (a click could run it or open something in the page's place): expected one starting with https://, http:// or mailto:
invalid-amount = expected an amount of money from 0 to 1,000,000,000,000, such as 30000
invalid-country = `{ $country }` is not a country code: expected ISO 3166-1 alpha-2, two capital letters such as BG

## Links

link-remote-image = an image from another site would be loaded from there (and missing offline): save the file beside the entry and name it
link-unsafe-scheme = a `{ $scheme }:` address is not linked (a click could run it or open something in the page's place): link pages with https:// or http://, e-mail with mailto:
link-root-relative = a link starting with / breaks when the site is published under a sub-path or opened from disk: link entries as @/practices/<slug> and files by their name
link-other-entry-file = link another entry as @/<section>/<slug>, e.g. @/practices/sharing-knowledge
link-unknown-section = unknown section `{ $section }`: expected @/<section>/<slug> with a section of { $sections }
link-no-entry = no entry `{ $slug }` in content/{ $section }/{ $hint }

## Vocabularies

vocabulary-expected-terms = expected a mapping `code: {"{"}bg: label, en: label{"}"}`
vocabulary-bad-code = expected a code of lowercase ASCII letters, digits and `_`, such as `robotics`
vocabulary-expected-label = expected a label, or labels as {"{"}bg: …, en: …{"}"}

## Messages of a site (locales/)

fluent-syntax = { $detail }
fluent-no-language = no messages for language `{ $lang }`
fluent-unknown-message = unknown message `{ $key }`: add it to every locales/<lang>/*.ftl
fluent-format = message `{ $key }`: { $detail }

## Progress and summaries

progress-rendering = rendering pages: { $done }/{ $total }

## serve

serve-port-taken = port { $port } is in use; using { $instead } instead
serve-cannot-listen = cannot listen on { $address }: { $reason }
serve-cannot-watch = cannot watch the site: { $detail }
serve-foreign-host = this server answers only pages of its own address, http://127.0.0.1:{ $port }/ or http://localhost:{ $port }/ (a request named another host or came from another site)
serve-problems-page = serving a page listing the problems until they are fixed
serve-problems-title = The site cannot be built yet
serve-overlay-title = spodeli: the last change has problems; this page is the last good build.
serve-built = built { $files } files in { $seconds } s
serve-serving = Serving { $root } at { $url } (Ctrl-C to stop)
serve-stopped = stopped
serve-no-browser = could not open a browser; open { $url }
serve-rebuilt = rebuilt in { $ms } ms: { $count } files changed
serve-index-done = feeds and search index in { $ms } ms
summary-failed = { $errors ->
    [one] 1 error found
   *[other] { $errors } errors found
}; nothing was written.
summary-untranslated = { $path }: note: no { $languages } version
summary-draft = { $path }: note: a draft (`draft: true`): published only when that line is removed
summary-built = Built { $total } pages ({ $per_lang }), { $files } files, { $mb } MB in { $seconds } s → { $out }
summary-packaged = Packaged { $total } pages ({ $per_lang }), { $files } files, { $mb } MB in { $seconds } s → { $out }
build-waiting = Waiting for another build into { $out } to finish…
progress-photos = making copies of photos: { $done }/{ $total }
progress-books = making the handbooks' PDF and EPUB files: { $done }/{ $total }
summary-photos = { $count ->
    [one] 1 photo
   *[other] { $count } photos
  }: { $made } made, { $stored } from the cache, in { $seconds } s
summary-books = { $count ->
    [one] 1 handbook file (PDF, EPUB)
   *[other] { $count } handbook files (PDF, EPUB)
  }: { $made } made, { $stored } from the cache, in { $seconds } s
summary-index = search index: { $files } files in { $seconds } s
summary-files = { $rendered } pages rendered, { $written } files written, { $unchanged } unchanged, { $removed } removed
summary-repaired = The output folder had been left unfinished by a build that was cut off; it is whole again.
summary-checked = Checked { $total } pages ({ $per_lang }), { $files } files, { $mb } MB in { $seconds } s

## spodeli deploy

deploy-no-target = no deploy target: name one, as in `spodeli deploy ftp://user@ftp.school.example/public_html/praktiki/`, or write it once in site.yaml as `deploy: {"{"} target: ftp://… {"}"}`
deploy-bad-target = `{ $target }` is not a deploy target: { $detail }
deploy-target-scheme = expected an address starting with ftp://, ftps:// or sftp://, or a folder (a USB stick, a network share)
deploy-target-no-user = the address has no user name: write it before the host, as in ftp://user@{ $host }/
deploy-target-no-host = the address has no host or no user name
deploy-target-port = the port is not a number from 1 to 65535
deploy-certificate-format = `deploy.certificate` in site.yaml is not a SHA-256 fingerprint: expected 32 pairs of hexadecimal digits, as in AB:CD:EF:…, the way the hosting company or the deploy's message shows it
deploy-password-in-target = the target address holds a password: remove it from the address (it would stay in site.yaml, the shell's history and messages) and give it in the environment variable SPODELI_DEPLOY_PASSWORD, in your ~/.netrc file, or when asked
deploy-no-password = no password for { $account }: set the environment variable SPODELI_DEPLOY_PASSWORD, add a line `machine HOST login USER password …` to your ~/.netrc file, or run the deploy in a terminal to be asked
deploy-host-not-found = the host { $host } was not found: check its name (the hosting company's e-mail or control panel gives it, often ftp.yourschool.bg) and that this computer is online
deploy-unreachable = cannot connect to { $host } ({ $detail }): check the port, and that the hosting company's FTP or SSH service is on and no firewall blocks it
deploy-login = the server refused the login of { $account }: the user name or the password is wrong (in cPanel, the FTP accounts page shows the full user name, often user@yourschool.bg)
deploy-permission = the server does not allow writing `{ $path }` ({ $detail }): the account may not write in that folder; check the target folder and the account's rights in the hosting control panel
deploy-disk-full = the server's disk or the account's quota is full ({ $detail }): free space on the hosting account or ask the hosting company for more; the site as deployed before is still there
deploy-certificate = the FTPS certificate of { $host } is not trusted ({ $detail }); its SHA-256 fingerprint is { $fingerprint }. If the hosting company confirms this fingerprint, add it to site.yaml as `deploy: {"{"} certificate: "{ $fingerprint }" {"}"}`
deploy-host-key-unknown = the SSH host key of { $host } is not known ({ $fingerprint }): if the hosting company confirms this fingerprint, add the host to your known hosts, for example by connecting once with `sftp` and answering yes
deploy-host-key-changed = the SSH host key of { $host } has CHANGED (now { $fingerprint }): someone may be intercepting the connection, or the server was replaced; ask the hosting company before you remove the old key from your known hosts
deploy-in-the-way = { $count ->
    [one] a file of the site would replace a file
   *[other] { $count } files of the site would replace files
} that spodeli did not put there: { $files }. Nothing was sent. If they are yours to replace, move or remove them on the server; if they are an earlier copy of this site uploaded by hand, run the deploy once with --take-over
deploy-in-the-way-more = { $count } or more files of the site would replace files that spodeli did not put there: { $files }, …. Nothing was sent. If they are an earlier copy of this site uploaded by hand, run the deploy once with --take-over; otherwise move them on the server
deploy-failed = the deploy failed while { $doing }: { $detail }. Run it again: what arrived stays, and only what is still missing is sent
deploy-record-damaged = the deploy record `.spodeli-deploy` on the server is damaged at „{ $line }“: remove it and run the deploy with --take-over
deploy-doing-connect = connecting
deploy-doing-talk = working on `{ $path }`
deploy-doing-tls = starting the encrypted connection
deploy-doing-look = looking at the target folder
deploy-doing-read-record = reading the deploy record
deploy-doing-read-build = reading the build
deploy-doing-record = writing the deploy record
deploy-doing-folder = creating the folder `{ $path }`
deploy-doing-send = sending `{ $path }`
deploy-doing-remove = removing `{ $path }`
deploy-retrying = { $doing } failed ({ $detail }); trying again in { $seconds } s
deploy-password-prompt = Password for { $account }:
deploy-progress = { $done } of { $total } files sent ({ $mb } of { $total_mb } MB)
deploy-would-send = send { $path } ({ $size } bytes)
deploy-would-remove = remove { $path }
summary-deployed = Deployed to { $target }: { $sent } files sent ({ $mb } MB), { $removed } removed, { $unchanged } unchanged, in { $seconds } s
summary-deploy-dry-run = Dry run for { $target }: { $sent } files would be sent ({ $mb } MB), { $removed } removed, { $unchanged } are unchanged; nothing was sent
summary-deploy-resumed = The deploy cut off before is finished.
summary-deploy-taken-over = --take-over: { $count } files were sent without looking for files of others under their names; from now on every file of the site there is the deploy's own.
config-deploy-password = a password does not belong in site.yaml (it is shared and published with the site's sources): remove it and give it in the environment variable SPODELI_DEPLOY_PASSWORD, in your ~/.netrc file, or when asked

## spodeli new

new = cannot create it: { $detail }
new-created = created { $path }
new-exists = { $path } exists already; nothing was overwritten
new-slug-taken = an entry `{ $slug }` exists already ({ $path }): choose another title, or edit that entry
new-no-slug = `{ $title }` has no letters or digits to make a file name of
new-no-project = there is no project `{ $project }` in content/projects/
new-project-not-a-folder = a handbook lives in its project's folder, and { $path } is a single file: move it to content/projects/{ $project }/index.<lang>.md (and its other languages beside it), then run this again
new-no-handbook = the project `{ $project }` has no handbook yet: make one first with `spodeli new handbook { $project }`
new-site-not-empty = { $path } is not empty: a new site goes into a new or empty folder
new-next-site = Next: cd { $dir } and run `spodeli serve` to see the site; `spodeli new practice "Title"` adds a practice.
new-next-entry = Next: write the entry, remove the line `draft: true` when it is ready, and see it with `spodeli serve --drafts`.
new-translate = Translate the title, the summary and the text into English.
new-comment-draft = Draft: this entry is not published until you remove this line.
new-comment-summary = One or two sentences, at most 300 characters: shown on cards, in search results and in the page's description.
new-comment-date = The date of publication, as YYYY-MM-DD.
new-comment-start-end = The start and the end of the project, as YYYY-MM-DD.
new-comment-codes-required = { $field }: one or more of these codes, e.g. [code, code]:
new-comment-codes-optional = { $field } (optional): some of these codes; remove the # to use it:
new-comment-code-required = { $field }: one of these codes:
new-comment-code-optional = { $field } (optional): one of these codes; remove the # to use it:
new-comment-organisation = The organisation (optional): the id of a file in content/organisations/; remove the # to use it.
new-comment-menu = The position in the main menu (optional); remove the # to use it.
new-comment-country = The country as a two-letter code (ISO 3166-1), e.g. BG.
new-comment-license = The licence (an SPDX id): Erasmus+ results must carry an open licence such as CC-BY-4.0.
new-comment-practices = The practices this chapter presents (their ids from content/practices/), e.g. [reading-with-parents].
new-summary-practice = A short description of the practice in one or two sentences.
new-summary-project = A short description of the project in one or two sentences.
new-summary-chapter = What the chapter is about, in one sentence.
new-body-practice = Describe the practice here: what you do, how, with whom, and what comes of it. Use ## headings for the parts of a longer text.
new-body-project = Describe the project here: its aims, its partners, what was done and what came of it.
new-body-page = Write the page here.
new-body-preface = The preface of the handbook: who it is for and how to read it.
new-body-chapter = The text of the chapter.
new-handbook-title = Handbook
new-city = Town
new-site-intro = The settings of the site. Lines starting with # are comments; see the README of spodeli for every setting.
new-site-title = The site's title in each language.
new-site-description = Good practices and project results of our school.
new-site-description-comment = One sentence per language: shown on the home page, in search engines and in feeds.
new-site-base-url = The address the site will be published at (canonical links, the sitemap and feeds use it).
new-site-languages = The site's languages; the first is the default.
new-site-colour = The colour of the header and links (white text on it must be readable: a dark colour).
new-site-logo = A logo file in static/, shown in the header; remove the # to use it.
new-site-paginate = Entries per listing page.
codes-unknown-vocabulary = there is no vocabulary `{ $name }`; the vocabularies are: { $known }
