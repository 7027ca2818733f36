#include "qlat/schema.h"

#include <algorithm>
#include <array>
#include <functional>

namespace qlat {

namespace embedded {
extern const std::string_view tree_json;
extern const std::string_view saveconfig_schema_json;
}  // namespace embedded

using nlohmann::json;

namespace {

AttrSpec parse_attr(const json& j) {
  AttrSpec a;
  a.name = j.at("name").get<std::string>();
  const auto type = j.at("type").get<std::string>();
  if (type == "bool01") {
    a.type = AttrSpec::Type::bool01;
    a.min = 0;
    a.max = 1;
  } else if (type == "int") {
    a.type = AttrSpec::Type::integer;
  } else {
    a.type = AttrSpec::Type::string;
  }
  const auto access = j.value("access", std::string("rw"));
  a.access = access == "ro" ? Access::ro : access == "wo" ? Access::wo : Access::rw;
  if (j.contains("min")) {
    a.min = j.at("min").get<std::int64_t>();
  }
  if (j.contains("max")) {
    a.max = j.at("max").get<std::int64_t>();
  }
  if (j.contains("enum")) {
    for (const auto& v : j.at("enum")) {
      a.allowed.push_back(v);
    }
  }
  if (j.contains("default")) {
    a.default_value = j.at("default");
  }
  a.description = j.value("description", std::string());
  return a;
}

/// A field of a saved object as an AttrSpec, from its saveconfig.schema.json property.
AttrSpec saved_attr(std::string_view name, const json& prop) {
  AttrSpec a;
  a.name = std::string(name);
  // "type" is a name or a list of names (["string", "null"]): the first one counts.
  const json& t = prop.contains("type") ? prop.at("type") : json("string");
  const std::string type = t.is_array() ? t.at(0).get<std::string>() : t.get<std::string>();
  if (type == "boolean") {
    a.type = AttrSpec::Type::bool01;
    a.min = 0;
    a.max = 1;
  } else if (type == "integer") {
    a.type = AttrSpec::Type::integer;
    if (prop.contains("minimum")) {
      a.min = prop.at("minimum").get<std::int64_t>();
    }
    if (prop.contains("maximum")) {
      a.max = prop.at("maximum").get<std::int64_t>();
    }
  } else if (type == "array") {
    a.type = AttrSpec::Type::list;
  }
  if (prop.contains("enum")) {
    for (const auto& v : prop.at("enum")) {
      a.allowed.push_back(v);
    }
  }
  a.description = prop.value("description", std::string());
  return a;
}

std::vector<AttrSpec> parse_attrs(const json& parent, const char* key) {
  std::vector<AttrSpec> out;
  if (parent.contains(key)) {
    for (const auto& a : parent.at(key)) {
      out.push_back(parse_attr(a));
    }
  }
  return out;
}

std::vector<std::string> strings(const json& parent, const char* key) {
  std::vector<std::string> out;
  if (parent.contains(key)) {
    for (const auto& s : parent.at(key)) {
      out.push_back(s.get<std::string>());
    }
  }
  return out;
}

FabricSpec parse_fabric(const std::string& name, const json& j) {
  FabricSpec f;
  f.name = name;
  f.dir = j.at("dir").is_string() ? j.at("dir").get<std::string>() : name;
  f.kernel_module =
      j.at("kernel_module").is_string() ? j.at("kernel_module").get<std::string>() : "";
  f.wwn_types = strings(j, "wwn_types");
  f.wwn_dir_form = j.value("wwn_dir_form", std::string("canonical"));
  f.features = strings(j, "features");
  if (j.contains("tpgt_only")) {
    for (const auto& t : j.at("tpgt_only")) {
      f.tpgt_only.push_back(t.get<int>());
    }
  }
  f.needs_port = j.value("needs_port", false);
  f.open_attributes = j.value("open_attributes", false);
  if (j.contains("tpg")) {
    const auto& tpg = j.at("tpg");
    f.tpg_files = parse_attrs(tpg, "files");
    f.tpg_attrib = parse_attrs(tpg, "attrib");
    f.tpg_param = parse_attrs(tpg, "param");
  }
  if (j.contains("acl")) {
    f.acl_attrib = parse_attrs(j.at("acl"), "attrib");
  }
  return f;
}

std::string json_type_name(const json& v) {
  if (v.is_null()) {
    return "null";
  }
  if (v.is_boolean()) {
    return "boolean";
  }
  if (v.is_number_integer()) {
    return "integer";
  }
  if (v.is_number()) {
    return "number";
  }
  if (v.is_string()) {
    return "string";
  }
  if (v.is_array()) {
    return "array";
  }
  return "object";
}

bool type_matches(const std::string& want, const json& v) {
  const auto have = json_type_name(v);
  return want == have || (want == "number" && have == "integer");
}

// The patterns of saveconfig.schema.json, each with its matcher. libstdc++'s std::regex
// recurses once per character (a 60,000-character name overflowed the stack), so no regex
// engine sees the input: these loops are what the patterns say.

// [^/\s]+ where \s is ECMAScript's white space in the "C" locale.
bool name_chars(std::string_view v) {
  return !v.empty() && v.find_first_of("/ \t\n\v\f\r") == std::string_view::npos;
}

// ^(?!\.\.?$)[^/\s]+$: a configfs name, not "." or "..".
bool match_name(std::string_view v) {
  return v != "." && v != ".." && name_chars(v);
}

// ^/backstores/[a-z_]+/(?!\.\.?$)[^/\s]+$
bool match_so_path(std::string_view v) {
  constexpr std::string_view prefix = "/backstores/";
  if (!v.starts_with(prefix)) {
    return false;
  }
  v.remove_prefix(prefix.size());
  const auto slash = v.find('/');
  if (slash == 0 || slash == std::string_view::npos) {
    return false;
  }
  for (const char c : v.substr(0, slash)) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) {
      return false;
    }
  }
  return match_name(v.substr(slash + 1));
}

// ^([0-9.]+|\[[0-9a-fA-F:.]+\])$
bool match_ip(std::string_view v) {
  auto all = [](std::string_view s, auto pred) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
  };
  if (v.size() >= 2 && v.front() == '[' && v.back() == ']') {
    return all(v.substr(1, v.size() - 2), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
             c == ':' || c == '.';
    });
  }
  return all(v, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

struct PatternMatcher {
  std::string_view pattern;
  bool (*match)(std::string_view);
};

constexpr std::array<PatternMatcher, 3> kMatchers = {{
    {R"(^(?!\.\.?$)[^/\s]+$)", match_name},
    {R"(^/backstores/[a-z_]+/(?!\.\.?$)[^/\s]+$)", match_so_path},
    {R"(^([0-9.]+|\[[0-9a-fA-F:.]+\])$)", match_ip},
}};

/// Throws if a pattern of the schema has no matcher.
void check_patterns(const json& node, const std::string& where) {
  if (node.is_object()) {
    if (node.contains("pattern")) {
      const auto p = node.at("pattern").get<std::string>();
      if (!match_pattern(p, "")) {
        throw Error("saveconfig.schema.json: " + where + ": qlat has no matcher for pattern " + p);
      }
      if (!node.contains("maxLength")) {
        throw Error("saveconfig.schema.json: " + where + ": a pattern without maxLength");
      }
    }
    for (const auto& [k, v] : node.items()) {
      check_patterns(v, where + "/" + k);
    }
  } else if (node.is_array()) {
    for (const auto& v : node) {
      check_patterns(v, where);
    }
  }
}

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<bool> match_pattern(std::string_view pattern, std::string_view value) {
  for (const auto& m : kMatchers) {
    if (m.pattern == pattern) {
      return m.match(value);
    }
  }
  return std::nullopt;
}

std::size_t find_control_char(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::optional<std::string> AttrSpec::check(const json& value) const {
  if (access == Access::ro) {
    return "attribute '" + name + "' is read-only";
  }
  if (type == Type::string) {
    if (!value.is_string() && !value.is_number_integer()) {
      return "attribute '" + name + "' must be a string";
    }
  } else if (type == Type::list) {
    if (!value.is_array()) {
      return "attribute '" + name + "' must be a list";
    }
  } else {
    if (!value.is_number_integer()) {
      return "attribute '" + name + "' must be an integer, not " + json_type_name(value);
    }
    const auto v = value.get<std::int64_t>();
    if ((min && v < *min) || (max && v > *max)) {
      return "attribute '" + name + "' = " + std::to_string(v) + " is out of range [" +
             (min ? std::to_string(*min) : "") + ", " + (max ? std::to_string(*max) : "") + "]";
    }
  }
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    json list = allowed;
    return "attribute '" + name + "' = " + value.dump() + " is not one of " + list.dump();
  }
  return std::nullopt;
}

std::string AttrSpec::type_text() const {
  if (!allowed.empty()) {
    std::string out = "one of ";
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      out += (i == 0 ? "" : ", ") +
             (allowed[i].is_string() ? allowed[i].get<std::string>() : allowed[i].dump());
    }
    return out;
  }
  switch (type) {
    case Type::bool01:
      return "bool (0/1)";
    case Type::integer:
      if (min && max) {
        return "integer " + std::to_string(*min) + ".." + std::to_string(*max);
      }
      if (min) {
        return "integer >= " + std::to_string(*min);
      }
      return "integer";
    case Type::list:
      return "list";
    case Type::string:
      break;
  }
  return "string";
}

bool FabricSpec::has(std::string_view feature) const {
  return std::find(features.begin(), features.end(), feature) != features.end();
}

const AttrSpec* FabricSpec::find(const std::vector<AttrSpec>& set, std::string_view n) const {
  for (const auto& a : set) {
    if (a.name == n) {
      return &a;
    }
  }
  return nullptr;
}

const AttrSpec* BackstoreSpec::find(std::string_view n) const {
  for (const auto& a : attrib) {
    if (a.name == n) {
      return &a;
    }
  }
  return nullptr;
}

Schema::Schema(const json& tree, json saveconfig_schema)
    : save_schema_(std::move(saveconfig_schema)) {
  check_patterns(save_schema_, "");
  for (const auto& [name, f] : tree.at("fabrics").items()) {
    if (name == "generic") {
      generic_ = parse_fabric(name, f);
    } else {
      fabrics_.push_back(parse_fabric(name, f));
    }
  }
  const auto& sets = tree.at("attribute_sets");
  for (const auto& [plugin, b] : tree.at("backstores").items()) {
    BackstoreSpec s;
    s.plugin = plugin;
    s.dir_prefix = b.at("dir_prefix").get<std::string>();
    s.aliases = strings(b, "aliases");
    s.attrib = parse_attrs(sets, b.at("attrib").get<std::string>().c_str());
    s.alua = b.value("alua", true);
    s.dev_max_length = b.value("dev_max_length", std::size_t{0});
    s.saved_keys = strings(b, "saved_keys");
    backstores_.push_back(std::move(s));
  }
  alua_ = parse_attrs(tree.at("core"), "alua_tg_pt_gp");
  target_param_ = parse_attrs(tree.at("target"), "param");
  target_attrib_ = parse_attrs(tree.at("target"), "attrib");
  fabric_order_ = strings(tree, "rtslib_fabric_order");
  excludes_ = strings(tree, "target_dir_excludes");
  for (const auto& [name, dir] : tree.at("fabric_dirs").items()) {
    fabric_dirs_[name] = dir.get<std::string>();
  }
  fc_host_ = parse_attrs(tree.at("fc_host"), "fields");
  session_ = parse_attrs(tree.at("session"), "fields");
  lun_files_ = parse_attrs(tree.at("lun"), "files");
  mapped_lun_files_ = parse_attrs(tree.at("mapped_lun"), "files");
  lun_max_ = tree.at("lun").at("index_max").get<int>();
  mapped_lun_max_ = tree.at("mapped_lun").at("index_max").get<int>();
}

std::vector<AttrSpec> Schema::saved_fields(std::string_view definition,
                                           std::initializer_list<std::string_view> keys) const {
  std::vector<AttrSpec> out;
  const json& props = save_schema_.at("definitions").at(std::string(definition)).at("properties");
  for (const auto key : keys) {
    if (const auto it = props.find(std::string(key)); it != props.end()) {
      out.push_back(saved_attr(key, *it));
    }
  }
  return out;
}

std::vector<AttrSpec> Schema::describe(std::string_view kind, std::string_view fabric_name) const {
  auto join = [](std::vector<AttrSpec> a, const std::vector<AttrSpec>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  if (kind == "port") {
    return fc_host_;
  }
  if (kind == "session") {
    return session_;
  }
  if (kind == "target") {
    return saved_fields("target", {"fabric", "wwn"});
  }
  if (kind == "tpg") {
    const FabricSpec f = fabric(fabric_name);
    return join(f.tpg_files, f.tpg_attrib);
  }
  if (kind == "lun") {
    return join(saved_fields("lun", {"index", "storage_object"}), lun_files_);
  }
  if (kind == "acl") {
    return join(saved_fields("node_acl", {"node_wwn", "tag", "mapped_luns"}),
                fabric(fabric_name).acl_attrib);
  }
  if (kind == "mapped_lun") {
    return join(saved_fields("mapped_lun", {"index", "tpg_lun"}), mapped_lun_files_);
  }
  if (kind.starts_with("backstore:")) {
    const BackstoreSpec* b = backstore(kind.substr(10));
    if (b == nullptr) {
      return {};
    }
    std::vector<AttrSpec> out = saved_fields("storage_object", {"name"});
    for (const auto& key : b->saved_keys) {
      out = join(std::move(out), saved_fields("storage_object", {key}));
    }
    return join(std::move(out), b->attrib);
  }
  return {};
}

const Schema& Schema::builtin() {
  static const Schema s(json::parse(embedded::tree_json),
                        json::parse(embedded::saveconfig_schema_json));
  return s;
}

const FabricSpec* Schema::known_fabric(std::string_view name) const {
  for (const auto& f : fabrics_) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

FabricSpec Schema::fabric(std::string_view name) const {
  if (const auto* f = known_fabric(name)) {
    return *f;
  }
  FabricSpec g = generic_;
  g.name = std::string(name);
  g.dir = fabric_dir(name);
  return g;
}

std::string Schema::fabric_dir(std::string_view name) const {
  if (const auto* f = known_fabric(name)) {
    return f->dir;
  }
  if (auto it = fabric_dirs_.find(name); it != fabric_dirs_.end()) {
    return it->second;
  }
  return std::string(name);
}

std::string Schema::fabric_name_for_dir(std::string_view dir) const {
  for (const auto& f : fabrics_) {
    if (f.dir == dir) {
      return f.name;
    }
  }
  for (const auto& [name, d] : fabric_dirs_) {
    if (d == dir) {
      return name;
    }
  }
  return std::string(dir);
}

const BackstoreSpec* Schema::backstore(std::string_view plugin) const {
  for (const auto& b : backstores_) {
    if (b.plugin == plugin ||
        std::find(b.aliases.begin(), b.aliases.end(), plugin) != b.aliases.end()) {
      return &b;
    }
  }
  return nullptr;
}

const BackstoreSpec* Schema::backstore_by_dir(std::string_view dir_prefix) const {
  for (const auto& b : backstores_) {
    if (b.dir_prefix == dir_prefix) {
      return &b;
    }
  }
  return nullptr;
}

void Schema::check_node(const json& schema, const json& value, const std::string& path,
                        const std::string& file, std::vector<Problem>& out) const {
  const json* s = &schema;
  while (s->contains("$ref")) {
    const auto ref = s->at("$ref").get<std::string>();
    if (!ref.starts_with("#/")) {
      out.push_back({file, path, "schema uses an unsupported $ref " + ref});
      return;
    }
    s = &save_schema_.at(json::json_pointer(ref.substr(1)));
  }
  if (s->contains("type")) {
    const auto& t = s->at("type");
    bool ok = false;
    if (t.is_array()) {
      ok = std::any_of(t.begin(), t.end(), [&](const json& one) {
        return type_matches(one.get<std::string>(), value);
      });
    } else {
      ok = type_matches(t.get<std::string>(), value);
    }
    if (!ok) {
      out.push_back({file, path, "expected " + t.dump() + ", found " + json_type_name(value)});
      return;
    }
  }
  if (s->contains("enum")) {
    const auto& e = s->at("enum");
    if (std::find(e.begin(), e.end(), value) == e.end()) {
      out.push_back({file, path, value.dump() + " is not one of " + e.dump()});
    }
  }
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    if (s->contains("minimum") && v < s->at("minimum").get<std::int64_t>()) {
      out.push_back(
          {file, path, std::to_string(v) + " is below the minimum " + s->at("minimum").dump()});
    }
    if (s->contains("maximum") && v > s->at("maximum").get<std::int64_t>()) {
      out.push_back(
          {file, path, std::to_string(v) + " is above the maximum " + s->at("maximum").dump()});
    }
  }
  if (value.is_string()) {
    const auto& str = value.get_ref<const std::string&>();
    // Bounds first: nothing longer than the kernel keeps goes any further.
    if (s->contains("maxLength") && str.size() > s->at("maxLength").get<std::size_t>()) {
      out.push_back({file, path,
                     "a string of " + std::to_string(str.size()) + " bytes, longer than the " +
                         s->at("maxLength").dump() + " the kernel accepts here"});
      return;
    }
    if (s->contains("minLength") && str.size() < s->at("minLength").get<std::size_t>()) {
      out.push_back({file, path, "a string shorter than " + s->at("minLength").dump() + " bytes"});
      return;
    }
    if (const auto at = find_control_char(str); at != std::string::npos) {
      out.push_back({file, path,
                     "a control character (byte " +
                         std::to_string(static_cast<unsigned char>(str[at])) + " at offset " +
                         std::to_string(at) + ") in a string"});
      return;
    }
    if (s->contains("pattern")) {
      const auto& pattern = s->at("pattern").get_ref<const std::string&>();
      // The constructor made sure every pattern has a matcher.
      if (!match_pattern(pattern, str).value_or(false)) {
        out.push_back({file, path, value.dump() + " does not match " + pattern});
      }
    }
  }
  if (value.is_object()) {
    if (s->contains("required")) {
      for (const auto& r : s->at("required")) {
        if (!value.contains(r.get<std::string>())) {
          out.push_back({file, path, "missing required key '" + r.get<std::string>() + "'"});
        }
      }
    }
    const json* props = s->contains("properties") ? &s->at("properties") : nullptr;
    for (const auto& [key, v] : value.items()) {
      const auto sub = path + "/" + escape_pointer(key);
      if (s->contains("propertyNames")) {
        const auto before = out.size();
        check_node(s->at("propertyNames"), json(key), sub, file, out);
        if (out.size() != before) {
          continue;
        }
      } else if (find_control_char(key) != std::string::npos || key.size() > 255) {
        // Keys the schema names are checked by "properties"; any other key of a closed
        // object is reported unknown below. This bounds what an error message repeats.
        out.push_back({file, path, "a key with a control character or longer than 255 bytes"});
        continue;
      }
      if (props != nullptr && props->contains(key)) {
        check_node(props->at(key), v, sub, file, out);
      } else if (s->contains("additionalProperties")) {
        const auto& ap = s->at("additionalProperties");
        if (ap.is_boolean()) {
          if (!ap.get<bool>()) {
            out.push_back({file, sub, "unknown key '" + key + "'"});
          }
        } else {
          check_node(ap, v, sub, file, out);
        }
      }
    }
  }
  if (value.is_array() && s->contains("items")) {
    std::size_t i = 0;
    for (const auto& item : value) {
      check_node(s->at("items"), item, path + "/" + std::to_string(i++), file, out);
    }
  }
}

std::vector<Problem> Schema::check_structure(const json& doc, const std::string& file) const {
  std::vector<Problem> out;
  check_node(save_schema_, doc, "", file, out);
  return out;
}

}  // namespace qlat
