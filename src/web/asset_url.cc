#include "web/embedded_assets.h"

namespace confide::web {

std::string_view AssetUrl(std::string_view name) {
  for (const EmbeddedAsset& a : EmbeddedAssets()) {
    if (a.name == name) return a.url;
  }
  return {};
}

}  // namespace confide::web
