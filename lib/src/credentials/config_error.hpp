// The error of the credential configuration code: a sentence naming what was wrong.
#pragma once

#include <boost/system/result.hpp>
#include <string>

namespace glue_inventory::creds {

/// A configuration problem. `message` names the file, profile, key or variable at fault and
/// never contains a secret value.
struct config_error {
    std::string message;
};

/// A value or the configuration problem that prevented it.
template <class T>
using config_result = boost::system::result<T, config_error>;

} // namespace glue_inventory::creds
