# Собствените съобщения на spodeli на български: какво казва инструментът на човека, който го
# използва (проблеми, подсказки, напредък, обобщения, прозорецът в serve). Текстовете на
# самия сайт са в locales/. Всяко съобщение тук трябва да го има и в en.ftl, със същите
# променливи (проверява се от тест).

## Тежест

severity-error = грешка
severity-warning = предупреждение

## Проблеми, по едно съобщение за всеки вид

io = { $detail }
invalid-utf8 = файлът не е текст в UTF-8: запишете го като UTF-8 (в Notepad: File → Save as → Encoding: UTF-8)
invalid-utf8-looks-like = файлът не е текст в UTF-8; изглежда е в { $encoding }: запишете го като UTF-8 (в Notepad: File → Save as → Encoding: UTF-8; в LibreOffice: Запиши като → Текст, UTF-8)
yaml = невалиден YAML: { $detail }
missing-front-matter = липсва заглавна част: файлът трябва да започва с ред `---`, полетата в YAML и още един ред `---`
unclosed-front-matter = незатворена заглавна част: след полетата в YAML трябва да има ред `---`
wrong-type = `{ $field }`: { $detail }
bad-date = `{ $field }`: невалидна дата `{ $value }`: { $detail }
missing-field = липсва задължителното поле `{ $field }`
missing-field-in = липсва задължителното поле `{ $field }` (език `{ $lang }`)
too-long = `{ $field }` е дълго { $length } знака; най-много { $max } (показва се в картите и в резултатите от търсене)
invalid = `{ $field }`: { $detail }
unknown-field = непознато поле `{ $field }`; познати полета: { $known }
unknown-field-near = непознато поле `{ $field }`; може би `{ $suggestion }`?
unread-key = `{ $field }` не е познат ключ тук и не се използва
cut-text = запетая е прекъснала този текст: в `{"{"} {"}"}` запетаята завършва текст без кавички, затова „{ $before }“ е прочетено като текст, а „{ $key }“ — като ключ без стойност: оградете целия текст в кавички, "{ $before }, { $key }"
link-outside-site = символна връзка към { $target }, извън папката на сайта: spodeli следва връзки само в папката на сайта (за да не се публикува случайно нищо от другаде на компютъра); копирайте файла в сайта
link-to-nothing = символна връзка към { $target }, който не съществува: махнете връзката или върнете файла
duplicate-key = `{ $key }` е написано два пъти (първо в { $first }): само една стойност може да важи; оставете тази, която имате предвид
invalid-not-a-number = `{ $value }` не е число: напишете число, напр. 80
control-character = `{ $field }` съдържа управляващия знак { $code }, който страница не може да покаже: махнете escape-последователността, която го е записала
unknown-code = непознат код `{ $code }` в речника { $vocabulary }{ $hint }
unknown-reference = { $kind ->
    [organisation] непозната организация
    [project] непознат проект
    [practice] непозната практика
   *[other] непознат запис
} `{ $id }`{ $hint }
conflict = `{ $field }` се различава от стойността си в { $other }: поле, общо за езиците, трябва да е еднакво навсякъде (напишете го веднъж)
duplicate-entry = записът е повторен: { $other } вече го описва
bad-file-name = неочаквано име на файл: очаква се { $expected }
no-language = няма версия на нито един език: очаква се index.<език>.md за един от: { $languages }
broken-link = счупена връзка `{ $target }`: { $detail }
missing-asset = липсва файлът `{ $file }`: очаква се в { $folder }
missing-asset-single-file = липсва файлът `{ $file }`: очаква се в папка { $folder } (преместете записа в папка, { $folder }index.<език>.md, за да държите файловете до него)
photo-unreadable = снимката `{ $file }` не може да бъде прочетена ({ $detail }): файлът е повреден или непълен; копирайте я отново от фотоапарата или телефона или я отворете в редактор на изображения и я запишете отново като JPEG
photo-not-a-photo = `{ $file }` не е снимка: съдържа { $found }; сложете на нейно място самата снимка или назовете файла според съдържанието му
photo-unsupported = снимката `{ $file }` е във формат { $format }, който не всеки браузър показва и spodeli не чете: превърнете я в JPEG (на iPhone: Настройки → Камера → Формати → Най-съвместими, и оттам нататък снимките са JPEG; на компютър я отворете и я изнесете или запишете като JPEG)
photo-too-large = снимката `{ $file }` обявява { $width } × { $height } пиксела, повече от границата от { $limit } мегапиксела: намалете я в редактор на изображения или вдигнете `images.max_megapixels` в site.yaml, ако наистина е толкова голяма
photo-misnamed = `{ $file }` е назован като друг формат, но съдържа изображение { $format }: публикува се като { $format }; преименувайте файла според съдържанието му
photo-name-taken = снимката `{ $file }` би се публикувала под същите имена като `{ $other }` до нея (копията носят името на файла без разширението): преименувайте едната от тях
photo-unused = { $detail } — никоя страница не показва и не сочи този файл, затова той не влиза в сайта
photo-holds-pdf = документ PDF
photo-holds-zip = архив ZIP или офис документ
photo-holds-html = уеб страница (HTML)
photo-holds-xml = XML или SVG
photo-holds-nothing = нищо (празен е)
photo-holds-unknown = формат, който spodeli не познава
photo-holds-video = видео или друг медиен файл
config-image-widths = задайте ширините на копията на снимките като списък от числа от 16 до 8000, например [400, 800, 1200, 1600]
config-image-quality = задайте качество от 1 до 100 (75 за WebP и 80 за JPEG са стойностите по подразбиране)
config-image-formats = посочете поне един формат на копията на снимките: [webp, jpeg] (по подразбиране), [webp] или [jpeg]
config-image-pixels = задайте най-голямата снимка, която се чете, в мегапиксели, 1 или повече (по подразбиране 100)
missing-message = `{ $key }` няма превод за езика `{ $lang }`: добавете го в { $target }
fluent = Fluent: { $detail }
template = шаблон: { $detail }
config = `{ $field }`: { $detail }
unsafe-output = сайтът няма да бъде записан в { $path }: { $detail }
book-failed = { $format } файлът на наръчника не може да бъде направен: { $detail }. Текстът тук е мястото, където странирането спря: опростете го (по-малко вложени списъци или цитати, по-кратки редове в таблиците) или пишете на проекта spodeli с този файл.

## Подсказки

hint-none = {""}
hint-codes = ; кодовете са: { $codes } (`spodeli codes { $vocabulary }` ги показва с етикетите им)
hint-did-you-mean-code = ; може би `{ $suggestion }` ({ $label })?
hint-did-you-mean = ; може би `{ $suggestion }`?

## Какво е намерено и какво се очаква

shape-found-expected = очаква се { $expected } (написано е: { $found })
shape-missing-field = липсва полето `{ $field }`
shape-organisation = очаква се идентификатор на организация или нейните `name`, `city` и `country`
shape-other = { $detail }
found-text = текстът { $value }
found-number = числото { $value }
found-yes-no = { $value }
found-list = списък
found-map = редове `ключ: стойност`
found-nothing = нищо (стойността е празна)
found-other = { $value }
expected-text = текст
expected-number = число
expected-whole-number = цяло число
expected-yes-no = true или false
expected-list = списък
expected-map = редове `ключ: стойност`
expected-other = { $value }

## Дати

date-expected-iso = очаква се дата във вида ГГГГ-ММ-ДД, напр. 2016-09-01
date-write-iso = датите се пишат като ГГГГ-ММ-ДД: `{ $iso }`
date-no-such-day = месец { $month } няма ден { $day } (той има { $days } дни)
date-no-such-month = няма месец { $month }: очаква се от 01 до 12

## Синтаксис на YAML

yaml-syntax = тук текстът не може да бъде разчетен като YAML (анализаторът казва: „{ $detail }“); проверете кавичките, скобите и отстъпите
yaml-too-deep = скобите тук са вложени на повече от { $max } нива: spodeli чете най-много { $max }
yaml-not-a-mapping = очакват се редове `поле: стойност`
yaml-tab = за отстъп е използвана табулация: в YAML отстъпът е само с интервали (заменете табулацията с два интервала)
yaml-colon-in-text = текстът на `{ $key }` съдържа двоеточие с интервал след него: оградете целия текст в кавички, напр. `{ $key }: "…: …"`
yaml-indented-under-value = този ред е с отстъп под `{ $key }` (ред { $line }), което вече има стойност: махнете отстъпа или напишете текста на `{ $key }` в кавички на един ред

## Файлове и папки

io-reading = { $path } не може да бъде прочетен: { $reason }
io-writing = { $path } не може да бъде записан: { $reason }
io-copying = { $path } не може да бъде копиран: { $reason }
io-creating-folder = папката { $path } не може да бъде създадена: { $reason }
io-clearing-staging = временната папка { $path } не може да бъде изчистена: { $reason }
io-moving-aside = предишният резултат { $path } не може да бъде преместен: { $reason }
io-moving-in = новият резултат не може да бъде преместен в { $path }: { $reason }
io-removing-previous = предишният резултат { $path } не може да бъде изтрит: { $reason }
io-packing = пакетът не може да бъде записан: { $detail }
os-not-found = няма такъв файл или папка
os-permission-denied = нямате права за достъп
os-already-exists = вече съществува
os-storage-full = дискът е пълен
os-read-only = дискът е само за четене
os-is-a-folder = това е папка, а не файл
os-not-a-folder = това е файл, а не папка
os-busy = използва се в момента (точка на монтиране?)
os-other = { $detail }
output-no-parent = няма родителска папка
output-dot-dot = пътят трябва да сочи папка, а не да завършва с `..`
output-contains-site = това е папката на сайта или папка, която я съдържа; изграждането заменя цялата изходна папка
output-inside-sources = намира се в папката { $folder }/ на сайта
output-is-a-file = това е файл, а не папка
file-name-entry = <slug>.{"{"}{ $languages }{"}"}.md, <slug>.yaml или папка <slug>/ с index.<език>.md
file-name-section = една от папките { $folders }
file-name-slug = кратко име (slug) от малки латински букви, цифри и тирета, напр. `{ $slug }`
file-name-handbook = index.<език>.md, index.yaml или глава <NN>-<slug>.<език>.md (език: { $languages })
file-name-chapter = глава с име <NN>-<slug>.<език>.md, напр. 01-introduction.bg.md
file-name-chapter-number = едно кратко име за номер на глава: глава { $number } е `{ $slug }`
file-name-chapter-slug = кратко име, което няма друга глава (`{ $slug }` е заето)
file-name-reserved = кратко име, различно от { $reserved }, които са заети от страниците на сайта
file-name-locale = locales/<език>/<име>.ftl с <език> един от { $languages } (не се чете)

## site.yaml

config-not-a-site = в { $root } няма site.yaml: стартирайте spodeli в папката на сайт, посочете я с --root или започнете нов сайт със `spodeli new site <папка>`
config-no-languages = очаква се един или повече от { $supported }
config-unsupported-language = неподдържан език `{ $lang }`: очакват се някои от { $supported }
config-default-language = `{ $lang }` не е от езиците на сайта ({ $languages })
config-base-url-not-absolute = очаква се пълен адрес, напр. https://school.example/praktiki/
config-base-url-option = `{ $url }` не е пълен адрес: очаква се напр. https://school.example/praktiki/
config-base-url-missing = не е зададен: каноничните връзки, картата на сайта и емисиите ще сочат към http://localhost:1111/
config-colour = очаква се цвят във вида #rrggbb
config-contrast = контрастът с бяло е { $contrast }:1; WCAG AA изисква 4.5:1 за текст: изберете по-тъмен цвят
config-paginate = очаква се брой записи на страница, 1 или повече
theme-not-found = темата `{ $name }` не е намерена: очаква се папка themes/{ $name }/ или вградената тема `default`

## Записи

invalid-end-before-start = краят е преди началото ({ $start })
invalid-address = `{ $address }` не е адрес, към който страница може да води: напишете го изцяло, започвайки с https:// (напр. https://{ $address })
invalid-address-scheme = адрес `{ $scheme }:` не се свързва (щракване би могло да го изпълни или да отвори нещо на мястото на страницата): очаква се адрес, започващ с https://, http:// или mailto:
invalid-amount = очаква се сума от 0 до 1 000 000 000 000, напр. 30000
invalid-country = `{ $country }` не е код на държава: очакват се две главни латински букви по ISO 3166-1, напр. BG

## Връзки

link-remote-image = изображение от друг сайт би се зареждало оттам (и би липсвало без мрежа): запишете файла до записа и го посочете по име
link-unsafe-scheme = адрес `{ $scheme }:` не се свързва (щракване би могло да го изпълни или да отвори нещо на мястото на страницата): свързвайте страници с https:// или http://, имейл — с mailto:
link-root-relative = връзка, започваща с /, не работи, когато сайтът е в подпапка или се отваря от диска: свързвайте записи с @/practices/<slug>, а файлове — по името им
link-other-entry-file = друг запис се свързва с @/<раздел>/<slug>, напр. @/practices/sharing-knowledge
link-unknown-section = непознат раздел `{ $section }`: очаква се @/<раздел>/<slug> с раздел от { $sections }
link-no-entry = в content/{ $section }/ няма запис `{ $slug }`{ $hint }

## Речници

vocabulary-expected-terms = очакват се редове `код: {"{"}bg: етикет, en: етикет{"}"}`
vocabulary-bad-code = очаква се код от малки латински букви, цифри и `_`, напр. `robotics`
vocabulary-expected-label = очаква се етикет или етикети във вида {"{"}bg: …, en: …{"}"}

## Съобщения на сайта (locales/)

fluent-syntax = { $detail }
fluent-no-language = няма съобщения за езика `{ $lang }`
fluent-unknown-message = непознато съобщение `{ $key }`: добавете го във всеки locales/<език>/*.ftl
fluent-format = съобщение `{ $key }`: { $detail }

## Напредък и обобщения

progress-rendering = страници: { $done }/{ $total }
summary-failed = { $errors ->
    [one] Намерена е 1 грешка
   *[other] Намерени са { $errors } грешки
}; нищо не е записано.
summary-untranslated = { $path }: бележка: няма версия на { $languages }
summary-draft = { $path }: бележка: чернова (`draft: true`): ще бъде публикувана, когато махнете този ред
summary-built = Изградени са { $total } страници ({ $per_lang }), { $files } файла, { $mb } MB за { $seconds } s → { $out }
summary-packaged = Пакетирани са { $total } страници ({ $per_lang }), { $files } файла, { $mb } MB за { $seconds } s → { $out }
build-waiting = Изчаквам да завърши друго изграждане в { $out }…
progress-photos = копия на снимките: { $done }/{ $total }
progress-books = PDF и EPUB файлове на наръчниците: { $done }/{ $total }
summary-photos = снимки: { $count }, направени: { $made }, от кеша: { $stored }, за { $seconds } s
summary-books = файлове на наръчници (PDF, EPUB): { $count }, направени: { $made }, от кеша: { $stored }, за { $seconds } s
summary-index = индекс за търсене: { $files } файла за { $seconds } s
summary-files = генерирани страници: { $rendered }, записани файлове: { $written }, непроменени: { $unchanged }, премахнати: { $removed }
summary-repaired = Папката с резултата беше останала недовършена от прекъснато изграждане; сега е цяла отново.
summary-checked = Проверени са { $total } страници ({ $per_lang }), { $files } файла, { $mb } MB за { $seconds } s

## serve

serve-port-taken = портът { $port } е зает; използва се { $instead }
serve-cannot-listen = не може да се слуша на { $address }: { $reason }
serve-cannot-watch = промените в сайта не могат да бъдат следени: { $detail }
serve-foreign-host = този сървър отговаря само на страници от собствения си адрес, http://127.0.0.1:{ $port }/ или http://localhost:{ $port }/ (заявката назова друг хост или дойде от друг сайт)
serve-problems-page = показва се страница с проблемите, докато не бъдат поправени
serve-problems-title = Сайтът още не може да бъде изграден
serve-overlay-title = spodeli: последната промяна има проблеми; тази страница е от последното успешно изграждане.
serve-built = изградени са { $files } файла за { $seconds } s
serve-serving = { $root } се показва на { $url } (Ctrl-C за спиране)
serve-stopped = спряно
serve-no-browser = браузърът не можа да бъде отворен; отворете { $url }
serve-rebuilt = изградено отново за { $ms } ms: променени файлове: { $count }
serve-index-done = емисии и индекс за търсене за { $ms } ms

## spodeli deploy

deploy-no-target = не е посочено къде да се публикува: напишете го, например `spodeli deploy ftp://user@ftp.school.example/public_html/praktiki/`, или го запишете веднъж в site.yaml като `deploy: {"{"} target: ftp://… {"}"}`
deploy-bad-target = `{ $target }` не е място за публикуване: { $detail }
deploy-target-scheme = очаква се адрес, започващ с ftp://, ftps:// или sftp://, или папка (флашка, мрежова папка)
deploy-target-no-user = в адреса няма потребителско име: напишете го преди сървъра, например ftp://user@{ $host }/
deploy-target-no-host = в адреса няма сървър или потребителско име
deploy-target-port = портът не е число от 1 до 65535
deploy-certificate-format = `deploy.certificate` в site.yaml не е SHA-256 отпечатък: очакват се 32 двойки шестнадесетични цифри, например AB:CD:EF:…, както ги показва хостинг фирмата или съобщението на deploy
deploy-password-in-target = в адреса има парола: махнете я оттам (би останала в site.yaml, в историята на командите и в съобщенията) и я дайте в променливата на средата SPODELI_DEPLOY_PASSWORD, във файла ~/.netrc или когато бъде поискана
deploy-no-password = няма парола за { $account }: задайте променливата на средата SPODELI_DEPLOY_PASSWORD, добавете ред `machine СЪРВЪР login ПОТРЕБИТЕЛ password …` във файла ~/.netrc или стартирайте публикуването в терминал, за да бъдете попитани
deploy-host-not-found = сървърът { $host } не е намерен: проверете името му (дава го писмото или контролният панел на хостинг фирмата, често ftp.вашетоучилище.bg) и дали компютърът е свързан с интернет
deploy-unreachable = няма връзка с { $host } ({ $detail }): проверете порта и дали FTP или SSH услугата на хостинг фирмата е включена и не е спряна от защитна стена
deploy-login = сървърът не прие влизането на { $account }: потребителското име или паролата са грешни (в cPanel страницата FTP Accounts показва пълното име, често user@вашетоучилище.bg)
deploy-permission = сървърът не позволява запис на `{ $path }` ({ $detail }): профилът няма право да пише в тази папка; проверете папката и правата на профила в контролния панел на хостинга
deploy-disk-full = дискът на сървъра или квотата на профила са пълни ({ $detail }): освободете място в хостинга или поискайте повече от хостинг фирмата; публикуваното досега е непокътнато
deploy-certificate = FTPS сертификатът на { $host } не е доверен ({ $detail }); SHA-256 отпечатъкът му е { $fingerprint }. Ако хостинг фирмата потвърди този отпечатък, добавете го в site.yaml като `deploy: {"{"} certificate: "{ $fingerprint }" {"}"}`
deploy-host-key-unknown = SSH ключът на { $host } не е познат ({ $fingerprint }): ако хостинг фирмата потвърди този отпечатък, добавете сървъра към познатите, например като се свържете веднъж със `sftp` и отговорите yes
deploy-host-key-changed = SSH ключът на { $host } Е СМЕНЕН (сега { $fingerprint }): някой може да подслушва връзката или сървърът е подменен; попитайте хостинг фирмата, преди да махнете стария ключ от познатите
deploy-in-the-way = { $count ->
    [one] файл на сайта би заменил файл
   *[other] { $count } файла на сайта биха заменили файлове
}, които не са качени от spodeli: { $files }. Нищо не е изпратено. Ако е ваше решение да бъдат заменени, преместете ги или ги изтрийте на сървъра; ако са по-ранно копие на този сайт, качено на ръка, пуснете публикуването веднъж с --take-over
deploy-in-the-way-more = { $count } или повече файла на сайта биха заменили файлове, които не са качени от spodeli: { $files }, …. Нищо не е изпратено. Ако са по-ранно копие на този сайт, качено на ръка, пуснете публикуването веднъж с --take-over; иначе ги преместете на сървъра
deploy-failed = публикуването спря при { $doing }: { $detail }. Пуснете го отново: каквото е пристигнало, остава, и се изпраща само липсващото
deploy-record-damaged = записът `.spodeli-deploy` на сървъра е повреден при „{ $line }“: изтрийте го и пуснете публикуването с --take-over
deploy-doing-connect = свързването
deploy-doing-talk = работата с `{ $path }`
deploy-doing-tls = започването на шифрованата връзка
deploy-doing-look = прегледа на целевата папка
deploy-doing-read-record = четенето на записа за публикуване
deploy-doing-read-build = четенето на построения сайт
deploy-doing-record = писането на записа за публикуване
deploy-doing-folder = създаването на папката `{ $path }`
deploy-doing-send = изпращането на `{ $path }`
deploy-doing-remove = изтриването на `{ $path }`
deploy-retrying = { $doing } не успя ({ $detail }); нов опит след { $seconds } s
deploy-password-prompt = Парола за { $account }:
deploy-progress = изпратени { $done } от { $total } файла ({ $mb } от { $total_mb } MB)
deploy-would-send = изпращане на { $path } ({ $size } байта)
deploy-would-remove = изтриване на { $path }
summary-deployed = Публикувано в { $target }: изпратени { $sent } файла ({ $mb } MB), изтрити { $removed }, без промяна { $unchanged }, за { $seconds } s
summary-deploy-dry-run = Проба за { $target }: биха се изпратили { $sent } файла ({ $mb } MB), изтрили { $removed }, без промяна са { $unchanged }; нищо не е изпратено
summary-deploy-resumed = Прекъснатото по-рано публикуване е довършено.
summary-deploy-taken-over = --take-over: { $count } файла са изпратени, без да се търсят чужди файлове със същите имена; оттук нататък всички файлове на сайта там се водят качени от spodeli.
config-deploy-password = паролата няма място в site.yaml (файлът се споделя и публикува заедно с изходния код на сайта): махнете я и я дайте в променливата на средата SPODELI_DEPLOY_PASSWORD, във файла ~/.netrc или когато бъде поискана

## spodeli new

new = не може да бъде създадено: { $detail }
new-created = създаден е { $path }
new-exists = { $path } вече съществува; нищо не е презаписано
new-slug-taken = вече има запис `{ $slug }` ({ $path }): изберете друго заглавие или редактирайте този запис
new-no-slug = в `{ $title }` няма букви или цифри, от които да се направи име на файл
new-no-project = в content/projects/ няма проект `{ $project }`
new-project-not-a-folder = наръчникът стои в папката на проекта си, а { $path } е отделен файл: преместете го в content/projects/{ $project }/index.<език>.md (и другите езици до него) и изпълнете командата отново
new-no-handbook = проектът `{ $project }` още няма наръчник: създайте го първо със `spodeli new handbook { $project }`
new-site-not-empty = { $path } не е празна: нов сайт се създава в нова или празна папка
new-next-site = Следващи стъпки: cd { $dir } и `spodeli serve`, за да видите сайта; `spodeli new practice "Заглавие"` добавя практика.
new-next-entry = Следващи стъпки: напишете записа, махнете реда `draft: true`, когато е готов, и го вижте със `spodeli serve --drafts`.
new-translate = Преведете заглавието, резюмето и текста на български.
new-comment-draft = Чернова: записът не се публикува, докато не махнете този ред.
new-comment-summary = Едно-две изречения, до 300 знака: показват се в картите, в резултатите от търсене и в описанието на страницата.
new-comment-date = Датата на публикуване във вида ГГГГ-ММ-ДД.
new-comment-start-end = Началото и краят на проекта във вида ГГГГ-ММ-ДД.
new-comment-codes-required = { $field }: един или повече от тези кодове, напр. [код, код]:
new-comment-codes-optional = { $field } (по желание): някои от тези кодове; махнете #, за да го използвате:
new-comment-code-required = { $field }: един от тези кодове:
new-comment-code-optional = { $field } (по желание): един от тези кодове; махнете #, за да го използвате:
new-comment-organisation = Организацията (по желание): името на файл от content/organisations/ без .yaml; махнете #, за да го използвате.
new-comment-menu = Място в главното меню (по желание); махнете #, за да го използвате.
new-comment-country = Държавата като код от две букви (ISO 3166-1), напр. BG.
new-comment-license = Лицензът (идентификатор по SPDX): резултатите от Еразъм+ трябва да са с отворен лиценз, напр. CC-BY-4.0.
new-comment-practices = Практиките, които главата представя (имената им от content/practices/), напр. [reading-with-parents].
new-summary-practice = Кратко описание на практиката в едно-две изречения.
new-summary-project = Кратко описание на проекта в едно-две изречения.
new-summary-chapter = За какво е главата, в едно изречение.
new-body-practice = Опишете практиката тук: какво правите, как, с кого и какво се получава. За частите на по-дълъг текст използвайте заглавия ##.
new-body-project = Опишете проекта тук: целите, партньорите, какво беше направено и какво се получи.
new-body-page = Напишете страницата тук.
new-body-preface = Предговорът на наръчника: за кого е и как да се чете.
new-body-chapter = Текстът на главата.
new-handbook-title = Наръчник
new-city = Град
new-site-intro = Настройките на сайта. Редовете, които започват с #, са коментари; всички настройки са описани в README на spodeli.
new-site-title = Заглавието на сайта на всеки език.
new-site-description = Добри практики и резултати от проекти на нашето училище.
new-site-description-comment = По едно изречение за всеки език: показва се на началната страница, в търсачките и в емисиите.
new-site-base-url = Адресът, на който ще бъде публикуван сайтът (използва се в каноничните връзки, картата на сайта и емисиите).
new-site-languages = Езиците на сайта; първият е основният.
new-site-colour = Цветът на заглавната лента и връзките (бял текст върху него трябва да се чете: тъмен цвят).
new-site-logo = Файл с лого в static/, показван в заглавната лента; махнете #, за да го използвате.
new-site-paginate = Записи на страница в списъците.
codes-unknown-vocabulary = няма речник `{ $name }`; речниците са: { $known }
