# Generates a C++ source holding the configfs-schema JSON files (the single source of truth),
# so the library carries them without duplicating their contents in C++ tables.
file(READ "${TREE}" tree)
file(READ "${SAVE}" save)
file(WRITE "${OUT}" "// Generated from configfs-schema/ by embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace qlat::embedded {\n"
  "extern const std::string_view tree_json;\n"
  "extern const std::string_view saveconfig_schema_json;\n"
  "const std::string_view tree_json = R\"qlat_json(${tree})qlat_json\";\n"
  "const std::string_view saveconfig_schema_json = R\"qlat_json(${save})qlat_json\";\n"
  "}  // namespace qlat::embedded\n")
