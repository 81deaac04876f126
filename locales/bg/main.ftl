# User-interface messages in Bulgarian. Every message here must also exist in ../en/.

language-name = Български
og-locale = bg_BG
chooser-enter = Към сайта на български
skip-to-content = Към основното съдържание

## Navigation
nav-main = Основно меню
nav-languages = Език
nav-home = Начало
nav-practices = Практики
nav-projects = Проекти
nav-organisations = Организации
breadcrumbs = Навигационна пътека
switch-untranslated = Няма превод: води към списъка на другия език
not-translated = { $target ->
    [en] Тази страница няма версия на английски.
   *[other] Тази страница няма версия на български.
}
not-translated-link = { $target ->
    [en] Към списъка на английски
   *[other] Към списъка на български
}
available-only-in = { $target ->
    [en] Само на английски
   *[other] Само на български
}
feed = Абонамент (Atom)
made-with = Създадено със spodeli

## Kinds of entry
kind-practices = Практика
kind-projects = Проект
kind-organisations = Организация
kind-pages = Страница
status-ongoing = В изпълнение
status-finished = Приключил

## Taxonomies
taxonomy-themes = Теми
taxonomy-levels = Образователни етапи
taxonomy-programmes = Програми
taxonomy-tags = Ключови думи
taxonomy-years = Години
term-of-themes = Тема
term-of-levels = Образователен етап
term-of-programmes = Програма
term-of-tags = Ключова дума
term-of-years = Година
facets = Филтри

## Counts (Bulgarian has two plural forms: one and other)
practices-count = { $count ->
    [one] { $count } практика
   *[other] { $count } практики
}
projects-count = { $count ->
    [one] { $count } проект
   *[other] { $count } проекта
}
organisations-count = { $count ->
    [one] { $count } организация
   *[other] { $count } организации
}
entries-count = { $count ->
    [one] { $count } публикация
   *[other] { $count } публикации
}

## Listings
listing-empty = Все още няма публикации тук.
pagination = Страници
pagination-prev = Предишна
pagination-next = Следваща
pagination-page = Страница { $number }
pagination-of = страница { $current } от { $pages }
home-latest-practices = Последни практики
home-all-practices = Всички практики
home-projects = Проекти
home-all-projects = Всички проекти

## Entry pages
on-this-page = На тази страница
label-facts = Накратко
label-themes = Теми и етапи
label-published = Публикувано
label-organisation = Организация
label-authors = Автори
label-dimensions = Насоки на учещата организация
label-reach = Обхват
label-funding = Финансиране
label-project = Проект
label-steps = Как се прилага
label-results = Резултати
label-awards = Награди
award-rank = { $rank ->
    [1] Първо място
    [2] Второ място
    [3] Трето място
   *[other] { $rank }. място
}
label-images = Снимки
label-credit = Снимка
label-files = Материали
label-links = Връзки
label-source = Източник
label-license = Лиценз
label-objectives = Цели
label-activities = Дейности
label-activity = Дейност
label-when = Кога
label-where = Къде
label-project-results = Резултати от проекта
label-project-practices = Практики от проекта
label-programme = Програма
label-reference = Номер на проекта
label-duration = Продължителност
label-coordinator = Координатор
label-partners = Партньори
label-grant = Безвъзмездна помощ
label-labels = Знаци за качество
label-website = Уебсайт
label-kind = Вид
label-place = Място

## Search
nav-search = Търсене
search-label = Търсене в практиките, проектите и организациите
search-button = Търси
search-hint = Пишете на кирилица или на латиница (uchilishte), в каквато и да е форма на думата.
search-no-script = Търсенето работи с включен JavaScript.
facet-kind = Вид
search-count = { $count ->
    [one] { $count } резултат
   *[other] { $count } резултата
}
search-count-about = { $count ->
    [one] около { $count } резултат
   *[other] около { $count } резултата
}
search-elsewhere = Нищо на български. Резултати на { $language }:
search-elsewhere-link = Търсене там

## Not found
not-found-title = Страницата не е намерена
not-found-text = Адресът може да е сгрешен или страницата да е преместена.
not-found-home = Към началната страница

## Dates: „1 септември 2016 г.“
date = { $day } { $month } { $year } г.
month-1 = януари
month-2 = февруари
month-3 = март
month-4 = април
month-5 = май
month-6 = юни
month-7 = юли
month-8 = август
month-9 = септември
month-10 = октомври
month-11 = ноември
month-12 = декември

## Handbooks
handbook = Наръчник
handbook-preface = Предговор
handbook-chapters = Съдържание
handbook-untranslated = без превод
handbook-print = Целият наръчник на една страница, за печат
handbook-print-hint = За PDF файл: „Печат“ и „Запази като PDF“.
handbook-editors = Съставители
handbook-downloads = За изтегляне
handbook-chapter = Глава { $number }
handbook-chapter-untranslated = Тази глава още няма превод на български и е показана на езика, на който е написана.
handbook-all-chapters = { $count ->
    [one] Единствената глава
   *[other] Всички { $count } глави
}
handbook-case-studies = Практики, представени в главата
handbook-pager = Предишна и следваща глава
handbook-previous = Предишна:
handbook-next = Следваща:
project-handbook = Наръчник на проекта
handbook-chapter-count = { $count ->
    [one] { $count } глава
   *[other] { $count } глави
}
handbook-case-study-in = Представена в наръчник
