# User-interface messages in English. Every message here must also exist in ../bg/.

language-name = English
og-locale = en_GB
chooser-enter = Enter the English site
skip-to-content = Skip to main content

## Navigation
nav-main = Main menu
nav-languages = Language
nav-home = Home
nav-practices = Practices
nav-projects = Projects
nav-organisations = Organisations
breadcrumbs = Breadcrumbs
switch-untranslated = Not translated: leads to the list in the other language
not-translated = { $target ->
    [bg] This page has no Bulgarian version.
   *[other] This page has no English version.
}
not-translated-link = { $target ->
    [bg] Go to the list in Bulgarian
   *[other] Go to the list in English
}
available-only-in = { $target ->
    [bg] Available in Bulgarian only
   *[other] Available in English only
}
feed = Subscribe (Atom)
made-with = Made with spodeli

## Kinds of entry
kind-practices = Practice
kind-projects = Project
kind-organisations = Organisation
kind-pages = Page
status-ongoing = Ongoing
status-finished = Finished

## Taxonomies
taxonomy-themes = Themes
taxonomy-levels = School levels
taxonomy-programmes = Programmes
taxonomy-tags = Keywords
taxonomy-years = Years
term-of-themes = Theme
term-of-levels = School level
term-of-programmes = Programme
term-of-tags = Keyword
term-of-years = Year
facets = Filters

## Counts
practices-count = { $count ->
    [one] { $count } practice
   *[other] { $count } practices
}
projects-count = { $count ->
    [one] { $count } project
   *[other] { $count } projects
}
organisations-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
entries-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}

## Listings
listing-empty = Nothing has been published here yet.
pagination = Pages
pagination-prev = Previous
pagination-next = Next
pagination-page = Page { $number }
pagination-of = page { $current } of { $pages }
home-latest-practices = Latest practices
home-all-practices = All practices
home-projects = Projects
home-all-projects = All projects

## Entry pages
on-this-page = On this page
label-facts = At a glance
label-themes = Themes and levels
label-published = Published
label-organisation = Organisation
label-authors = Authors
label-dimensions = Learning-organisation dimensions
label-reach = Reach
label-funding = Funding
label-project = Project
label-steps = How it is done
label-results = Results
label-awards = Awards
award-rank = { $rank ->
    [1] First place
    [2] Second place
    [3] Third place
   *[other] Place { $rank }
}
label-images = Photos
label-credit = Photo
label-files = Materials
label-links = Links
label-source = Source
label-license = Licence
label-objectives = Objectives
label-activities = Activities
label-activity = Activity
label-when = When
label-where = Where
label-project-results = Project results
label-project-practices = Practices from this project
label-programme = Programme
label-reference = Project number
label-duration = Duration
label-coordinator = Coordinator
label-partners = Partners
label-grant = Grant
label-labels = Quality labels
label-website = Website
label-kind = Type
label-place = Location

## Search
nav-search = Search
search-label = Search practices, projects and organisations
search-button = Search
search-hint = Type in Cyrillic or Latin letters (uchilishte), in any form of the word.
search-no-script = Search needs JavaScript.
facet-kind = Type
search-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-count-about = { $count ->
    [one] about { $count } result
   *[other] about { $count } results
}
search-elsewhere = Nothing found in English. Results in { $language }:
search-elsewhere-link = Search there

## Not found
not-found-title = Page not found
not-found-text = The address may be mistyped, or the page may have moved.
not-found-home = Go to the home page

## Dates: "1 September 2016"
date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Handbooks
handbook = Handbook
handbook-preface = Preface
handbook-chapters = Contents
handbook-untranslated = not translated
handbook-print = The whole handbook on one page, to print
handbook-print-hint = For a PDF file: Print, then Save as PDF.
handbook-editors = Editors
handbook-downloads = Downloads
handbook-chapter = Chapter { $number }
handbook-chapter-untranslated = This chapter is not translated into English yet; it is shown in the language it was written in.
handbook-all-chapters = { $count ->
    [one] The only chapter
   *[other] All { $count } chapters
}
handbook-case-studies = Practices this chapter presents
handbook-pager = Previous and next chapter
handbook-previous = Previous:
handbook-next = Next:
project-handbook = The project's handbook
handbook-chapter-count = { $count ->
    [one] { $count } chapter
   *[other] { $count } chapters
}
handbook-case-study-in = Presented in a handbook
