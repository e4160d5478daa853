// The web interface's static files (stylesheet, scripts, icon), compiled from web/ at build time
// (web/build.mjs) and embedded in the binary: Node is needed to build Confide, never to run it.
// Each is served at a URL that carries a hash of its bytes, so browsers may cache it for ever and
// a new build's file is never mistaken for an old one.
#pragma once

#include <span>
#include <string_view>

namespace confide::web {

struct EmbeddedAsset {
  std::string_view name;          // "confide.css"
  std::string_view url;           // "/assets/confide.3f2a9c1b04d7.css"
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view etag;          // a quoted strong validator
  std::string_view body;
};

// Every embedded file (empty when the build left the web interface out).
std::span<const EmbeddedAsset> EmbeddedAssets();

// The fingerprinted URL of the file `name`, or "" if there is none.
std::string_view AssetUrl(std::string_view name);

}  // namespace confide::web
