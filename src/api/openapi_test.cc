// The OpenAPI document (api/openapi.json) against the routes the API really registers: the same
// operations in both directions, every operation complete, every $ref resolvable, the enums spelt
// as the domain spells them, and GET /api/openapi.json serving exactly the compiled document.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "auth/password_hash.h"
#include "domain/allocation.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/staff.h"
#include "policy/action.h"
#include "service/identity.h"
#include "service/vault.h"
#include "testing/test_util.h"

namespace confide::api {
namespace {

using nlohmann::json;

// "/api/people/{id}/records" -> "/api/people/{}/records": the router's {names} and the
// document's need not agree, only the shapes.
std::string Shape(std::string_view pattern) {
  std::string out;
  bool in_param = false;
  for (char c : pattern) {
    if (c == '{') {
      in_param = true;
      out += "{}";
    } else if (c == '}') {
      in_param = false;
    } else if (!in_param) {
      out += c;
    }
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kHttpMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// Every operation of the document: (METHOD, path, operation).
std::vector<std::tuple<std::string, std::string, const json*>> Operations(const json& doc) {
  std::vector<std::tuple<std::string, std::string, const json*>> out;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (kHttpMethods.count(method)) out.emplace_back(Upper(method), path, &operation);
    }
  }
  return out;
}

// `node` itself, or what its "$ref" points to (one level; the document does not chain refs).
const json& Resolve(const json& doc, const json& node) {
  if (node.is_object() && node.contains("$ref")) {
    const std::string ref = node.at("$ref").get<std::string>();
    return doc.at(json::json_pointer(ref.substr(1)));
  }
  return node;
}

template <typename E>
std::vector<std::string> DomainNames() {
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    const std::string_view name = domain::ToString(static_cast<E>(i));
    if (name == "unknown") break;
    out.emplace_back(name);
  }
  return out;
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service::InitOptions opts{"OpenAPI Test Council", domain::OrganisationKind::kLocalAuthority,
                              {"Ada Admin", "ada.admin@example.org"}};
    auto vault = service::Vault::Init(dir_.Str("data"), opts);
    ASSERT_OK(vault);
    vault_ = std::move(vault).value();
    service::IdentityOptions io;
    io.hash_params = auth::TestPasswordHashParams();
    identity_ = std::make_unique<service::Identity>(*vault_, io);
    auto api = Api::Register(router_, *vault_, *identity_, metrics_);
    ASSERT_OK(api);
    api_ = std::move(api).value();
    doc_ = json::parse(OpenApiJson(), nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(doc_.is_discarded()) << "api/openapi.json is not valid JSON";
    ASSERT_TRUE(doc_.is_object());
    ASSERT_TRUE(doc_.contains("paths"));
  }

  confide::testing::TempDir dir_;
  std::unique_ptr<service::Vault> vault_;
  std::unique_ptr<service::Identity> identity_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<Api> api_;
  json doc_;
};

TEST_F(OpenApiTest, IsOpenApi31) {
  EXPECT_EQ(doc_.value("openapi", ""), "3.1.0");
  ASSERT_TRUE(doc_.contains("info"));
  EXPECT_FALSE(doc_["info"].value("title", "").empty());
  EXPECT_FALSE(doc_["info"].value("version", "").empty());
  const json& schemes = doc_.at(json::json_pointer("/components/securitySchemes"));
  EXPECT_EQ(schemes.at("bearerAuth").at("type"), "http");
  EXPECT_EQ(schemes.at("bearerAuth").at("scheme"), "bearer");
  EXPECT_EQ(schemes.at("cookieAuth").at("type"), "apiKey");
  EXPECT_EQ(schemes.at("cookieAuth").at("in"), "cookie");
  EXPECT_EQ(schemes.at("cookieAuth").at("name"), "__Host-confide_session");
  EXPECT_EQ(doc_.at("security"), json::parse(R"([{"bearerAuth": []}, {"cookieAuth": []}])"));
}

TEST_F(OpenApiTest, DocumentsExactlyTheRegisteredRoutes) {
  std::set<std::string> routed;
  for (const auto& route : router_.routes()) {
    EXPECT_TRUE(routed.insert(route->method + " " + Shape(route->pattern)).second) << route->pattern;
  }
  std::set<std::string> documented;
  for (const auto& [method, path, operation] : Operations(doc_)) {
    EXPECT_TRUE(documented.insert(method + " " + Shape(path)).second) << method << " " << path;
  }
  for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << "routed but not in api/openapi.json: " << r;
  for (const auto& d : documented) EXPECT_TRUE(routed.count(d)) << "in api/openapi.json but not routed: " << d;
  EXPECT_GE(routed.size(), 50u);
}

TEST_F(OpenApiTest, EveryOperationIsComplete) {
  std::set<std::string> ids;
  for (const auto& [method, path, op] : Operations(doc_)) {
    const std::string where = method + " " + path;
    ASSERT_TRUE(op->is_object()) << where;
    ASSERT_TRUE(op->contains("operationId")) << where;
    EXPECT_TRUE(ids.insert(op->at("operationId").get<std::string>()).second) << "operationId repeated: " << where;
    ASSERT_TRUE(op->contains("responses")) << where;
    const json& responses = op->at("responses");
    ASSERT_TRUE(responses.is_object() && !responses.empty()) << where;
    bool success = false;
    for (const auto& [code, response] : responses.items()) {
      success = success || code.front() == '2';
      const json& r = Resolve(doc_, response);
      EXPECT_TRUE(r.contains("description")) << where << " " << code;
      // Every error is a problem document.
      if (code.front() == '4' || code.front() == '5') {
        EXPECT_TRUE(r.contains(json::json_pointer("/content/application~1problem+json"))) << where << " " << code;
      }
    }
    EXPECT_TRUE(success) << where << " has no success response";
    EXPECT_TRUE(responses.contains("500")) << where;

    // Every {name} in the path is declared: a required path parameter, and ids are integers.
    std::set<std::string> declared;
    for (const auto& p : op->value("parameters", json::array())) {
      const json& param = Resolve(doc_, p);
      if (param.at("in") == "path") {
        EXPECT_TRUE(param.value("required", false)) << where;
        const json& schema = Resolve(doc_, param.at("schema"));
        EXPECT_EQ(schema.value("type", ""), "integer") << where;
        EXPECT_TRUE(schema.contains("minimum")) << where;
        declared.insert(param.at("name").get<std::string>());
      }
    }
    std::set<std::string> in_path;
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
      in_path.insert(path.substr(open + 1, path.find('}', open) - open - 1));
    }
    EXPECT_EQ(declared, in_path) << where;

    // Unknown members are refused, so every request body says so.
    if (op->contains("requestBody")) {
      const json& schema = Resolve(doc_, op->at(json::json_pointer("/requestBody/content/application~1json/schema")));
      EXPECT_EQ(schema.value("additionalProperties", true), false) << where;
    }
  }
}

TEST_F(OpenApiTest, PublicEndpointsAreMarkedPublicAndNoOthers) {
  const std::set<std::string> kPublic = {"POST /api/session", "GET /healthz", "GET /metrics", "GET /api/openapi.json"};
  for (const auto& [method, path, op] : Operations(doc_)) {
    const std::string key = method + " " + path;
    if (kPublic.count(key)) {
      EXPECT_EQ(op->value("security", json(nullptr)), json::array()) << key;
    } else {
      EXPECT_FALSE(op->contains("security")) << key << " overrides the document's security";
      EXPECT_TRUE(op->at("responses").contains("401")) << key;
    }
  }
}

TEST_F(OpenApiTest, EveryRefResolves) {
  int refs = 0;
  std::function<void(const json&, const std::string&)> walk = [&](const json& node, const std::string& at) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref" && value.is_string()) {
          ++refs;
          const std::string ref = value.get<std::string>();
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << at << ": only local refs: " << ref;
          EXPECT_TRUE(doc_.contains(json::json_pointer(ref.substr(1)))) << at << ": unresolved " << ref;
        } else {
          walk(value, at + "/" + key);
        }
      }
    } else if (node.is_array()) {
      for (size_t i = 0; i < node.size(); ++i) walk(node[i], at + "/" + std::to_string(i));
    }
  };
  walk(doc_, "");
  EXPECT_GT(refs, 100);
}

TEST_F(OpenApiTest, EnumsAreTheDomainSpellings) {
  auto documented = [&](const char* name) {
    std::vector<std::string> out;
    for (const auto& v : doc_.at("components").at("schemas").at(name).at("enum")) out.push_back(v.get<std::string>());
    return out;
  };
  EXPECT_EQ(documented("PersonKind"), DomainNames<domain::PersonKind>());
  EXPECT_EQ(documented("StaffRole"), DomainNames<domain::StaffRole>());
  EXPECT_EQ(documented("RelationshipKind"), DomainNames<domain::RelationshipKind>());
  EXPECT_EQ(documented("RelationshipRestriction"), DomainNames<domain::Restriction>());
  EXPECT_EQ(documented("AllocationRole"), DomainNames<domain::AllocationRole>());
  EXPECT_EQ(documented("RecordKind"), DomainNames<domain::RecordKind>());
  EXPECT_EQ(documented("SensitivityTier"), DomainNames<domain::SensitivityTier>());
  EXPECT_EQ(documented("SourceKind"), DomainNames<domain::SourceKind>());
  EXPECT_EQ(documented("StatementBasis"), DomainNames<domain::StatementBasis>());
  std::vector<std::string> next;
  for (int i = 0;; ++i) {
    const std::string_view name = service::ToString(static_cast<service::SignInNext>(i));
    if (name == "unknown") break;
    next.emplace_back(name);
  }
  EXPECT_EQ(documented("SignInNext"), next);
  std::vector<std::string> actions;
  for (size_t i = 0; i < policy::kActionCount; ++i) actions.emplace_back(policy::ActionTable()[i].name);
  EXPECT_EQ(documented("PolicyAction"), actions);
}

TEST_F(OpenApiTest, ServesTheCompiledDocument) {
  http::RouteMatch match = router_.Match("GET", {"api", "openapi.json"});
  ASSERT_NE(match.route, nullptr);
  http::Request req;
  req.method = "GET";
  req.path = "/api/openapi.json";
  req.request_id = "0123456789abcdef";
  http::Response resp = match.route->handler(req, match.params);
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.Header("Content-Type").value_or(""), "application/json");
  json served = json::parse(resp.body, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(served.is_discarded());
  EXPECT_EQ(served, doc_);
}

// What is compiled in is the file in the source tree (embedding went through CMake's
// configure_file, which would rewrite any @NAME@ in it).
TEST_F(OpenApiTest, CompiledDocumentIsTheSourceFile) {
  const std::string source = confide::testing::ReadFileForTest(confide::testing::SourceDir() / "api" / "openapi.json");
  if (source.empty()) GTEST_SKIP() << "source tree not available";
  EXPECT_EQ(source, std::string(OpenApiJson()));
}

}  // namespace
}  // namespace confide::api
