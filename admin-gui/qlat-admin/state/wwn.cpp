#include "state/wwn.h"

#include <cctype>

namespace qlat::admin {

namespace {

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

std::string hex_digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ':' || c == '-') {
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

std::optional<std::string> canonical_wwpn(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  if (text.starts_with("naa.") || text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(text[0] == 'n' ? 4 : 2);
  }
  // Separators are allowed only between byte pairs.
  if (text.find_first_of(":-") != std::string_view::npos) {
    if (text.size() != 23) {
      return std::nullopt;
    }
    for (std::size_t i = 2; i < text.size(); i += 3) {
      if (text[i] != ':' && text[i] != '-') {
        return std::nullopt;
      }
    }
  }
  std::string digits = hex_digits(text);
  if (digits.size() != 16) {
    return std::nullopt;
  }
  for (char c : digits) {
    if (!is_hex(c)) {
      return std::nullopt;
    }
  }
  return "naa." + digits;
}

std::optional<std::string> wwpn_problem(std::string_view text) {
  if (text.find_first_not_of(" \t") == std::string_view::npos) {
    return "empty WWPN";
  }
  const auto wwpn = canonical_wwpn(text);
  if (!wwpn) {
    return "'" + std::string(text) +
           "' is not a WWPN: expected 16 hex digits, e.g. 21:00:00:24:ff:00:00:01 or "
           "naa.21000024ff000001";
  }
  // LIO's naa regex: the first digit is the NAA type, 1, 2 or 5.
  const char naa = (*wwpn)[4];
  if (naa != '1' && naa != '2' && naa != '5') {
    return "'" + std::string(text) + "' has NAA type " + std::string(1, naa) +
           ": FC WWPNs start with 1, 2 or 5";
  }
  if (wwpn->substr(4) == "0000000000000000") {
    return "the all-zero WWPN is not valid";
  }
  return std::nullopt;
}

std::string colon_wwpn(std::string_view canonical) {
  std::string_view hex = canonical;
  if (hex.starts_with("naa.")) {
    hex.remove_prefix(4);
  }
  // Only an FC WWPN has the colon form: iSCSI IQNs and EUIs, SAS and loopback NAAs of
  // another length are shown as they are.
  if (hex.size() != 16 || hex.find_first_not_of("0123456789abcdefABCDEF") != hex.npos) {
    return std::string(canonical);
  }
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i != 0 && i % 2 == 0) {
      out.push_back(':');
    }
    out.push_back(hex[i]);
  }
  return out;
}

}  // namespace qlat::admin
