#include "qlat/wwn.h"

#include <algorithm>
#include <cctype>

namespace qlat {

namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

/// Removes an optional 0x prefix and the separators ':' and '-'.
std::string squeeze_hex(std::string_view s) {
  if (s.starts_with("0x")) {
    s.remove_prefix(2);
  }
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ':' && c != '-') {
      out += c;
    }
  }
  return out;
}

/// Whether the separators of a 16-digit hex name, if it has any, stand between byte
/// pairs only (21:00:00:24:ff:00:00:01 or 21-00-...; not 2100:0024:...).
bool separators_between_bytes(std::string_view s) {
  if (s.starts_with("naa.") || s.starts_with("eui.")) {
    s.remove_prefix(4);
  } else if (s.starts_with("0x")) {
    s.remove_prefix(2);
  }
  if (s.find_first_of(":-") == std::string_view::npos) {
    return true;
  }
  if (s.size() != 23) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool sep = s[i] == ':' || s[i] == '-';
    if (sep != (i % 3 == 2)) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> parse_naa(const std::string& w) {
  if (!separators_between_bytes(w)) {
    return std::nullopt;
  }
  std::string s = squeeze_hex(w);
  if (s.starts_with("naa.")) {
    s.erase(0, 4);
  } else if (s.starts_with("eui.") || s.starts_with("ib.")) {
    return std::nullopt;
  }
  if (s.size() != 16 || !all_hex(s) || (s[0] != '1' && s[0] != '2' && s[0] != '5')) {
    return std::nullopt;
  }
  return "naa." + s;
}

std::optional<std::string> parse_eui(const std::string& w) {
  if (!separators_between_bytes(w)) {
    return std::nullopt;
  }
  std::string s = squeeze_hex(w);
  if (s.starts_with("eui.")) {
    s.erase(0, 4);
  } else if (s.starts_with("naa.") || s.starts_with("ib.")) {
    return std::nullopt;
  }
  if (s.size() != 16 || !all_hex(s)) {
    return std::nullopt;
  }
  return "eui." + s;
}

std::optional<std::string> parse_iqn(const std::string& w) {
  // iqn.YYYY-MM.<reversed domain>[:<anything>], no spaces or underscores (as rtslib checks).
  if (w.size() < 12 || !w.starts_with("iqn.")) {
    return std::nullopt;
  }
  for (std::size_t i = 4; i < 8; ++i) {
    if (std::isdigit(static_cast<unsigned char>(w[i])) == 0) {
      return std::nullopt;
    }
  }
  if (w[8] != '-' || (w[9] != '0' && w[9] != '1') ||
      std::isdigit(static_cast<unsigned char>(w[10])) == 0 || w[11] != '.') {
    return std::nullopt;
  }
  const auto rest = std::string_view(w).substr(12);
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  if (w.find_first_of(" _/") != std::string::npos) {
    return std::nullopt;
  }
  return w;
}

std::optional<std::string> hex16(std::string_view s) {
  std::string h = squeeze_hex(s);
  if (h.starts_with("naa.")) {
    h.erase(0, 4);
  }
  if (h.size() != 16 || !all_hex(h)) {
    return std::nullopt;
  }
  return h;
}

std::optional<std::string> parse_npiv(const std::string& w) {
  const auto at = w.find('@');
  if (at == std::string::npos) {
    return std::nullopt;
  }
  const auto colon = w.find(':', at);
  if (colon == std::string::npos) {
    return std::nullopt;
  }
  auto phys = hex16(std::string_view(w).substr(0, at));
  auto wwpn = hex16(std::string_view(w).substr(at + 1, colon - at - 1));
  auto wwnn = hex16(std::string_view(w).substr(colon + 1));
  if (!phys || !wwpn || !wwnn) {
    return std::nullopt;
  }
  return *phys + "@" + *wwpn + ":" + *wwnn;
}

std::optional<std::string> parse_free(const std::string& w) {
  if (w.empty() || w == "." || w == ".." || w.find_first_of("/ \t\n") != std::string::npos) {
    return std::nullopt;
  }
  return w;
}

std::string colonize(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    if (i != 0) {
      out += ':';
    }
    out += hex.substr(i, 2);
  }
  return out;
}

}  // namespace

std::optional<Wwn> Wwn::parse(std::string_view text, std::initializer_list<Type> allowed) {
  // Free text keeps its case; every typed form is lowercased like rtslib does.
  const std::string w = lower_trim(text);
  for (Type t : allowed) {
    std::optional<std::string> c;
    switch (t) {
      case Type::naa:
        c = parse_naa(w);
        break;
      case Type::iqn:
        c = parse_iqn(w);
        break;
      case Type::eui:
        c = parse_eui(w);
        break;
      case Type::npiv:
        c = parse_npiv(w);
        break;
      case Type::free:
        c = parse_free(std::string(text));
        break;
    }
    if (c) {
      return Wwn(t, *c);
    }
  }
  return std::nullopt;
}

std::optional<Wwn> Wwn::parse(std::string_view text, const std::vector<std::string>& allowed) {
  for (const auto& name : allowed) {
    for (Type t : {Type::naa, Type::iqn, Type::eui, Type::npiv, Type::free}) {
      if (type_name(t) == name) {
        if (auto w = parse(text, {t})) {
          return w;
        }
      }
    }
  }
  return std::nullopt;
}

std::string Wwn::colon() const {
  if (type_ == Type::naa) {
    return colonize(std::string_view(canonical_).substr(4));
  }
  return canonical_;
}

std::string Wwn::hex0x() const {
  if (type_ == Type::naa) {
    return "0x" + canonical_.substr(4);
  }
  return canonical_;
}

std::string Wwn::dir_name(std::string_view form) const {
  if (form == "colon") {
    return colon();
  }
  if (form == "npiv" && type_ == Type::npiv) {
    const auto at = canonical_.find('@');
    return colonize(std::string_view(canonical_).substr(0, at)) + canonical_.substr(at);
  }
  return canonical_;
}

std::optional<std::string> Wwn::fc_wwpn_problem(std::string_view text) {
  const std::string w = lower_trim(text);
  if (w.empty()) {
    return "empty WWPN";
  }
  if (parse_naa(w)) {
    return std::nullopt;
  }
  const std::string quoted = "'" + std::string(text) + "'";
  std::string hex = w;
  if (hex.starts_with("naa.")) {
    hex.erase(0, 4);
  }
  hex = squeeze_hex(hex);
  if (!separators_between_bytes(w) || hex.size() != 16 || !all_hex(hex)) {
    return quoted +
           " is not a WWPN: expected 16 hex digits, e.g. 21:00:00:24:ff:00:00:01 or "
           "naa.21000024ff000001";
  }
  if (hex == "0000000000000000") {
    return "the all-zero WWPN is not valid";
  }
  // LIO's naa pattern: the first digit is the NAA type, 1, 2 or 5.
  return quoted + " has NAA type " + hex.substr(0, 1) + ": FC WWPNs start with 1, 2 or 5";
}

std::string display_wwn(std::string_view name) {
  std::string_view hex = name;
  if (hex.starts_with("naa.")) {
    hex.remove_prefix(4);
  }
  if (hex.size() != 16 || !all_hex(hex)) {
    return std::string(name);
  }
  return colonize(hex);
}

std::string_view Wwn::type_name(Type t) noexcept {
  switch (t) {
    case Type::naa:
      return "naa";
    case Type::iqn:
      return "iqn";
    case Type::eui:
      return "eui";
    case Type::npiv:
      return "npiv";
    case Type::free:
      return "free";
  }
  return "free";
}

}  // namespace qlat
