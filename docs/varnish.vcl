# Varnish in front of Strapi with strapi-plugin-blog (docs/caching.md, "Behind a CDN").
# The plugin's config for it:
#   cache: {
#     cacheControl: 'public, s-maxage=3600',
#     surrogateKeyHeader: 'Surrogate-Key',
#     purge: { url: 'http://127.0.0.1:6081/', method: 'PURGE' },
#   }
# Varnish keeps each public answer for its s-maxage, and drops every answer that carries one of
# the surrogate keys the plugin sends after a write (a ban on the stored Surrogate-Key header).
# Tested as written by tests/cdn/varnish.test.ts (only the backend's port is changed).
vcl 4.1;

import std;

backend strapi {
  .host = "127.0.0.1";
  .port = "1337";
}

# Who may purge: the Strapi servers.
acl purgers {
  "127.0.0.1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    # The plugin's keys are `blog` and `blog-<tag>`: letters, digits and dashes only.
    if (req.http.Surrogate-Key !~ "^[a-z0-9-]+( [a-z0-9-]+)*$") {
      return (synth(400, "Bad surrogate keys"));
    }
    # (A ban's regular expression is one word: no spaces, no quotes.)
    if (!std.ban("obj.http.Surrogate-Key ~ (^|[^a-z0-9-])(" +
        regsuball(req.http.Surrogate-Key, " ", "|") + ")([^a-z0-9-]|$)")) {
      return (synth(500, std.ban_error()));
    }
    return (synth(200, "Purged"));
  }
  # Everything else as Varnish's built-in rules say: requests with credentials (Authorization,
  # cookies) and writes go to Strapi every time.
}

sub vcl_deliver {
  # For the test and for debugging: how often this answer was served from Varnish.
  set resp.http.X-Varnish-Hits = obj.hits;
}
