#include "scan_setup.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <glue_inventory/regions.hpp>       // partition_of_region, partition_regions
#include <glue_inventory/shared_config.hpp> // shared_config, has_environment_credentials
#include <glue_inventory/validation.hpp>    // is_endpoint_url, message_excerpt
#include <sstream>

namespace glue_cli {
namespace {

std::string fail_text(std::string_view what, std::string_view why) {
    return "glue-inventory: " + std::string(what) + ": " + std::string(why);
}

/// An --accounts file larger than this is refused: 100,000 accounts take about 1.3 MB.
constexpr std::streamsize max_accounts_file_bytes = 16 * 1024 * 1024;

bool read_whole_file(const std::string& path, std::string& text, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "read error";
        return false;
    }
    text = std::move(buffer).str();
    if (static_cast<std::streamsize>(text.size()) > max_accounts_file_bytes) {
        error = "larger than " + std::to_string(max_accounts_file_bytes) + " bytes";
        return false;
    }
    return true;
}

/// The profile's endpoint_url / services section, below the flags and the environment.
bool apply_profile_endpoints(glue_inventory::client_options& o,
                             const glue_inventory::environment& getenv,
                             const std::optional<glue_inventory::shared_config>& files,
                             std::string& error) {
    if (!files) {
        return true;
    }
    const std::pair<std::optional<std::string>*, std::string_view> by_service[] = {
        {&o.glue_endpoint_url, "glue"},
        {&o.sts_endpoint_url, "sts"},
        {&o.organizations_endpoint_url, "organizations"}};
    for (const auto& [field, service] : by_service) {
        if (*field) {
            continue;
        }
        *field = files->endpoint_url(getenv, service);
        if (*field && !glue_inventory::is_endpoint_url(**field)) {
            error = fail_text("endpoint_url", "'" + glue_inventory::message_excerpt(**field) +
                                                  "' (from profile '" + files->profile() +
                                                  "') is not an http(s)://host[:port] URL");
            return false;
        }
    }
    return true;
}

/// Checks, without any request, that the base identity has a source the way the client will
/// look for one (shared_config::check_credential_source runs the client's own plan). The
/// sources that need the network (credential_process, web identity, SSO, the container, IMDS)
/// are fetched by the client when the first request needs them.
std::string check_credentials(const glue_inventory::client_options& o,
                              const glue_inventory::environment& getenv,
                              const std::optional<glue_inventory::shared_config>& files,
                              const std::string& files_error, bool profile_flag) {
    if (o.identity.static_credentials) {
        return {};
    }
    std::string why;
    const bool from_env = glue_inventory::has_environment_credentials(getenv, why);
    if (!why.empty()) {
        return fail_text("credentials", why);
    }
    if (from_env && o.identity.profile.empty()) {
        return {};
    }
    const std::string_view where = profile_flag ? "--profile" : "credentials";
    if (!files) {
        return fail_text(where, files_error);
    }
    if (files->check_credential_source(getenv, !o.identity.profile.empty(), why)) {
        return {};
    }
    if (!why.empty()) {
        return fail_text(where, why);
    }
    return fail_text(where, "none found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                            "give --profile NAME, or configure web identity, SSO or a "
                            "container endpoint (EC2 instance metadata is disabled by "
                            "AWS_EC2_METADATA_DISABLED)");
}

/// The scan's flags, applied to the client options first: apply_environment fills only what
/// they leave unset. Returns which fields the flags set, or nullopt (and `error`) when the
/// --ca-bundle cannot be read.
std::optional<glue_inventory::explicit_fields>
apply_flags(const scan_arguments& args, glue_inventory::client_options& o,
            const glue_inventory::environment& getenv, std::string& error) {
    glue_inventory::explicit_fields flags;
    if (args.max_attempts) {
        o.max_attempts = *args.max_attempts;
        flags.max_attempts = true;
    }
    if (args.retry_mode) {
        o.retry = *args.retry_mode == retry_choice::adaptive ? glue_inventory::retry_mode::adaptive
                                                             : glue_inventory::retry_mode::standard;
        flags.retry = true;
    }
    if (args.ca_bundle) {
        std::ifstream probe(*args.ca_bundle);
        if (!probe) {
            error = fail_text("--ca-bundle",
                              "cannot read '" + *args.ca_bundle + "': " + std::strerror(errno));
            return std::nullopt;
        }
        o.http.ca_bundle = *args.ca_bundle;
        flags.ca_bundle = true;
    }
    if (args.profile) {
        o.identity.profile = *args.profile;
    }
    if (args.endpoint_url) {
        o.glue_endpoint_url = *args.endpoint_url;
        // The simulator (and any local stack) serves all three services at one URL; a
        // service-specific variable still wins for its own service.
        auto set = [&](const char* name) {
            const auto v = getenv(name);
            return v && !v->empty();
        };
        if (!o.sts_endpoint_url && !set("AWS_ENDPOINT_URL_STS")) {
            o.sts_endpoint_url = *args.endpoint_url;
        }
        if (!o.organizations_endpoint_url && !set("AWS_ENDPOINT_URL_ORGANIZATIONS")) {
            o.organizations_endpoint_url = *args.endpoint_url;
        }
    }
    return flags;
}

/// The environment, for what the flags left unset; then every endpoint URL, wherever it came
/// from, must be an http(s) URL.
bool apply_environment_checked(glue_inventory::client_options& o,
                               const glue_inventory::environment& getenv,
                               const glue_inventory::explicit_fields& flags, std::string& error) {
    if (auto e = glue_inventory::apply_environment(o, getenv, flags); !e.empty()) {
        error = "glue-inventory: " + e;
        return false;
    }
    for (const auto* url :
         {&o.glue_endpoint_url, &o.sts_endpoint_url, &o.organizations_endpoint_url}) {
        if (*url && !glue_inventory::is_endpoint_url(**url)) {
            // Quoted without user information (see command_line.cpp, --endpoint-url).
            error = fail_text("endpoint URL", "'" + glue_inventory::message_excerpt(**url) +
                                                  "' (from AWS_ENDPOINT_URL*) is not an "
                                                  "http(s)://host[:port] URL");
            return false;
        }
    }
    return true;
}

/// The home region: the caller's or the environment's, else the profile's; a region given
/// must be a known one.
bool resolve_home_region(glue_inventory::client_options& o,
                         const std::optional<glue_inventory::shared_config>& files,
                         bool region_was_set, std::string& error) {
    std::string region_source = region_was_set ? "the caller" : "AWS_REGION or AWS_DEFAULT_REGION";
    if (o.home_region.empty() && files) {
        if (auto r = files->region()) {
            o.home_region = *r;
            region_source = "profile '" + files->profile() + "'";
        }
    }
    if (!o.home_region.empty() && !glue_inventory::is_known_region(o.home_region)) {
        error = fail_text("region", "'" + o.home_region + "' (from " + region_source +
                                        ") is not a known AWS region");
        return false;
    }
    return true;
}

/// Identity. The client's chain reads the environment the CLI was given, as the pre-check
/// (check_credentials) does.
bool apply_identity(const scan_arguments& args, glue_inventory::client_options& o,
                    const glue_inventory::environment& getenv,
                    const std::optional<glue_inventory::shared_config>& files,
                    const std::string& files_error, std::string& error) {
    if (!o.env) {
        o.env = getenv;
    }
    o.identity.role_name = args.role_name;
    o.identity.external_id = args.external_id;
    if (args.role_session_name) {
        o.identity.role_session_name = *args.role_session_name;
    }
    if (auto e = check_credentials(o, getenv, files, files_error, args.profile.has_value());
        !e.empty()) {
        error = std::move(e);
        return false;
    }
    return true;
}

/// Accounts: an --accounts @FILE, an --accounts list, --org, or (by default) the caller's.
bool choose_accounts(const scan_arguments& args, scan_setup& s, std::string& error) {
    if (args.accounts_file) {
        std::string text, why;
        if (!read_whole_file(*args.accounts_file, text, why)) {
            error = fail_text("--accounts", "cannot read '@" + *args.accounts_file + "': " + why);
            return false;
        }
        s.accounts = parse_account_file(text, *args.accounts_file, error);
        if (!error.empty()) {
            return false;
        }
        if (s.accounts.empty()) {
            error = fail_text("--accounts", "'@" + *args.accounts_file + "' lists no account");
            return false;
        }
        s.accounts_from = scan_setup::account_source::listed;
    } else if (!args.accounts.empty()) {
        s.accounts = args.accounts;
        s.accounts_from = scan_setup::account_source::listed;
    } else if (args.org) {
        s.accounts_from = scan_setup::account_source::organization;
    }
    return true;
}

/// Regions: --regions, --all-regions (the home region's partition), or the home region.
bool choose_regions(const scan_arguments& args, const glue_inventory::client_options& o,
                    const glue_inventory::environment& getenv,
                    const std::optional<glue_inventory::shared_config>& files, scan_setup& s,
                    std::string& error) {
    if (!args.regions.empty()) {
        s.regions = args.regions;
    } else if (args.all_regions) {
        // With no configured region, the client's own default home region (us-east-1).
        const std::string home = o.home_region.empty() ? "us-east-1" : o.home_region;
        const auto partition = glue_inventory::partition_of_region(home);
        s.regions = glue_inventory::partition_regions(partition.value_or("aws"));
    } else if (!o.home_region.empty()) {
        s.regions = {o.home_region};
    } else if (glue_inventory::shared_config::instance_metadata_enabled(getenv, files ? &*files
                                                                                      : nullptr)) {
        // The instance's own region, asked of IMDS before the scan (drive_scan).
        s.region_from_instance_metadata = true;
    } else {
        error = fail_text("--regions", "no region given and none configured (set AWS_REGION or "
                                       "AWS_DEFAULT_REGION, a region in the profile, or "
                                       "--regions / --all-regions)");
        return false;
    }
    return true;
}

/// The request every target sends.
void set_request(const scan_arguments& args, scan_setup& s) {
    if (args.connection_type || args.match_criteria || args.schema_version) {
        glue_inventory::get_connections_filter filter;
        filter.connection_type = args.connection_type;
        filter.match_criteria = args.match_criteria;
        filter.connection_schema_version = args.schema_version;
        s.request.filter = std::move(filter);
    }
    s.request.hide_password = !args.show_passwords;
    s.request.max_results = args.max_results;
    if (args.concurrency) {
        s.concurrency = *args.concurrency;
    }
}

/// Outputs: the format (a table on a terminal, else NDJSON), the files and the progress line.
void set_outputs(const scan_arguments& args, terminal_state terminals, scan_setup& s) {
    s.format = args.format.value_or(terminals.stdout_is_terminal && !args.output_file
                                        ? output_format::table
                                        : output_format::ndjson);
    s.output_file = args.output_file;
    s.errors_file = args.errors_file;
    s.verbose = args.verbose;
    s.show_progress = args.progress == progress_choice::on ||
                      (args.progress == progress_choice::automatic && terminals.stderr_is_terminal);
}

} // namespace

std::optional<scan_setup> make_scan_setup(const scan_arguments& args,
                                          glue_inventory::client_options base,
                                          const glue_inventory::environment& getenv,
                                          terminal_state terminals, std::string& error) {
    scan_setup s;
    auto& o = base;
    // --shard auto/N: the index from the batch system's environment.
    if (args.shard) {
        s.shard = resolve_shard(*args.shard, getenv, error);
        if (!s.shard) {
            return std::nullopt;
        }
    }

    const auto flags = apply_flags(args, o, getenv, error);
    if (!flags) {
        return std::nullopt;
    }
    const bool region_was_set = !o.home_region.empty();
    if (!apply_environment_checked(o, getenv, *flags, error)) {
        return std::nullopt;
    }
    std::string files_error;
    const auto files = o.identity.static_credentials
                           ? std::nullopt
                           : glue_inventory::shared_config::load(o, getenv, files_error);
    if (!resolve_home_region(o, files, region_was_set, error) ||
        !apply_profile_endpoints(o, getenv, files, error) ||
        !apply_identity(args, o, getenv, files, files_error, error) ||
        !choose_accounts(args, s, error) || !choose_regions(args, o, getenv, files, s, error)) {
        return std::nullopt;
    }
    s.catalog_ids = args.catalog_ids;
    set_request(args, s);
    set_outputs(args, terminals, s);
    s.client = std::move(o);
    return s;
}

} // namespace glue_cli
