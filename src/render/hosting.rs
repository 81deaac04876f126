//! What a web server needs besides the pages: the default `.htaccess` for Apache hosts (most
//! shared hosting, cPanel and Plesk among them), written when `site.yaml` says `htaccess: true`
//! and the site has no `.htaccess` of its own in `static/` (which is published as it is).

use super::jobs::Page;
use crate::site::Site;

/// The `.htaccess` file, when the site asks for it.
pub(super) fn htaccess(site: &Site) -> Option<Page> {
    let own = site.config.root.join("static").join(".htaccess");
    if !site.config.htaccess || own.exists() {
        return None;
    }
    let text = TEMPLATE.replace("{base}", site.config.base_path());
    Some(Page {
        path: ".htaccess".into(),
        bytes: text.into_bytes(),
        lang: None,
    })
}

/// Every directive sits inside `<IfModule>` where a host may lack its module, so that the file
/// never turns a working site into "500 Internal Server Error". Pages and the search index are
/// revalidated on every visit (a deploy changes them without changing their names); photos,
/// styles and scripts are kept for a day.
const TEMPLATE: &str = "\
# Written by spodeli because site.yaml says `htaccess: true`. To change it, put your own
# .htaccess in static/ (it is then published instead of this one).

# The site's own page for addresses that do not exist.
ErrorDocument 404 {base}404.html

# Text is UTF-8; some hosts do not know the types of newer files.
AddDefaultCharset utf-8
AddCharset utf-8 .css .js .json .xml .txt .svg
<IfModule mod_mime.c>
  AddType image/webp .webp
  AddType application/epub+zip .epub
  AddType image/svg+xml .svg
  AddType application/atom+xml .xml
  AddType text/javascript .js
</IfModule>

# The deploy's own record is nobody's business.
<IfModule mod_authz_core.c>
  <FilesMatch \"^\\.spodeli-\">
    Require all denied
  </FilesMatch>
</IfModule>

# Compressed on the way: pages, styles, scripts and the search index shrink to a fifth.
<IfModule mod_deflate.c>
  AddOutputFilterByType DEFLATE text/html text/css text/javascript application/javascript application/json application/xml application/atom+xml image/svg+xml text/plain
</IfModule>

# Caching: pages, feeds and the search index are checked again on every visit (cheap: the
# server answers \"not modified\"); photos, styles and scripts are kept for a day.
<IfModule mod_headers.c>
  <FilesMatch \"\\.(html|xml|json|js)$\">
    Header set Cache-Control \"no-cache\"
  </FilesMatch>
  <FilesMatch \"\\.(css|webp|jpg|jpeg|png|gif|svg|ico|pdf)$\">
    Header set Cache-Control \"max-age=86400\"
  </FilesMatch>
</IfModule>
";
