#include <CLI/CLI.hpp>

#include <iostream>

#include "common.h"
#include "qlat/error.h"
#include "qlat/version.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"qlatctl: manage the LIO target configuration (configfs, saveconfig.json)"};
  app.set_version_flag("--version", std::string(qlat::version()));
  app.require_subcommand(1, 1);
  qlatctl::Global g;
  app.add_option("--configfs", g.configfs, "configfs target root")
      ->capture_default_str()
      ->group("");
  app.add_option("--sysfs", g.sysfs, "sysfs root")->capture_default_str()->group("");
  qlatctl::add_show(app, g);
  qlatctl::add_save(app, g);
  qlatctl::add_restore(app, g);
  qlatctl::add_diff(app, g);
  qlatctl::add_clear(app, g);
  qlatctl::add_serve(app, g);
  qlatctl::add_watch(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : qlatctl::kInvalid;
  }
  return g.exit;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const qlat::ValidationError& e) {
    qlatctl::print_error(e.what());
    return qlatctl::kInvalid;
  } catch (const std::exception& e) {
    qlatctl::print_error(e.what());
    return qlatctl::kFailed;
  } catch (...) {
    qlatctl::print_error("unexpected error of an unknown type");
    return qlatctl::kFailed;
  }
}
