// sockerless-load: the benchmark's load client. The same client measures every target (the Docker
// socket, HAProxy, sockerlessd over TCP or a Unix socket), so their numbers compare.

#include "loadrun.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using sockerless::bench::LoadPlan;
using sockerless::bench::LoadResult;
using sockerless::bench::Target;

namespace {

const char* const kUsage =
    "usage: sockerless-load --target T [options]\n"
    "  --target T        unix:///path, http://host:port or host:port\n"
    "  --request 'METHOD PATH'  a request to send (repeatable: used round robin)\n"
    "  --body TEXT       body of every request (or --body-file FILE)\n"
    "  --header 'K: V'   an extra header (repeatable)\n"
    "  -c, --connections N   concurrent keep-alive connections (default 1)\n"
    "  -d, --duration S  seconds measured (default 10)\n"
    "  -w, --warmup S    seconds run first, not measured (default 1)\n"
    "  -n, --requests N  stop after N requests (default: no limit)\n"
    "  --json            print one JSON object instead of text\n"
    "Exits 1 when any request failed (transport error or a 4xx/5xx answer), 2 on bad usage.\n";

int usage(const std::string& message) {
    std::fprintf(stderr, "sockerless-load: %s\n%s", message.c_str(), kUsage);
    return 2;
}

std::string buildRequest(const std::string& methodAndPath, const std::string& host,
                         const std::vector<std::string>& headers, const std::string& body) {
    std::string out = methodAndPath + " HTTP/1.1\r\nHost: " + host +
                      "\r\nUser-Agent: sockerless-load\r\nAccept: */*\r\n";
    for (const auto& header : headers)
        out += header + "\r\n";
    const bool hasBody = !body.empty() || methodAndPath.rfind("POST", 0) == 0;
    if (hasBody) {
        if (!body.empty())
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return out + "\r\n" + body;
}

} // namespace

int main(int argc, char* argv[]) {
    LoadPlan plan;
    std::vector<std::string> requests;
    std::vector<std::string> headers;
    std::string body;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        const char* v = nullptr;
        if (arg == "--json") {
            json = true;
        } else if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (!(v = value())) {
            return usage(arg + " needs a value");
        } else if (arg == "--target") {
            std::string error;
            if (!Target::parse(v, &plan.target, &error))
                return usage(std::string(v) + ": " + error);
            plan.targetText = v;
        } else if (arg == "--request") {
            requests.emplace_back(v);
        } else if (arg == "--body") {
            body = v;
        } else if (arg == "--body-file") {
            std::ifstream file(v, std::ios::binary);
            if (!file)
                return usage(std::string("cannot read ") + v);
            std::stringstream content;
            content << file.rdbuf();
            body = content.str();
        } else if (arg == "--header") {
            headers.emplace_back(v);
        } else if (arg == "-c" || arg == "--connections") {
            plan.connections = std::atoi(v);
        } else if (arg == "-d" || arg == "--duration") {
            plan.durationSeconds = std::atof(v);
        } else if (arg == "-w" || arg == "--warmup") {
            plan.warmupSeconds = std::atof(v);
        } else if (arg == "-n" || arg == "--requests") {
            plan.maxRequests = std::strtoull(v, nullptr, 10);
        } else {
            return usage("unknown option " + arg);
        }
    }
    if (plan.targetText.empty())
        return usage("--target is required");
    if (requests.empty())
        return usage("at least one --request 'METHOD PATH' is required");
    if (plan.connections < 1 || plan.connections > 10000)
        return usage("--connections must be 1 to 10000");
    if (plan.durationSeconds <= 0 || plan.warmupSeconds < 0)
        return usage("--duration must be positive and --warmup not negative");
    for (const auto& request : requests) {
        if (request.find(' ') == std::string::npos)
            return usage("--request takes 'METHOD PATH', not '" + request + "'");
        plan.requests.push_back(buildRequest(request, plan.target.hostHeader, headers, body));
    }

    LoadResult result;
    std::string error;
    if (!sockerless::bench::runLoad(plan, &result, &error)) {
        std::fprintf(stderr, "sockerless-load: %s\n", error.c_str());
        return 1;
    }
    const std::string report = json ? result.toJson(plan) + "\n" : result.toText(plan);
    std::fputs(report.c_str(), stdout);
    return result.failures == 0 ? 0 : 1;
}
