#ifndef STOCKADE_CLIBYAML_SHIM_H
#define STOCKADE_CLIBYAML_SHIM_H
// libyaml 0.2.x (Debian package libyaml-dev): the event parser used by the YAML target.
#include <yaml.h>
#endif
