#include <CLI/CLI.hpp>

#include <iostream>

#include "qlat/version.h"

int main(int argc, char** argv) {
  CLI::App app{"qlatctl: manage the LIO target configuration (configfs, saveconfig.json)"};
  app.set_version_flag("--version", std::string(qlat::version()));
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
