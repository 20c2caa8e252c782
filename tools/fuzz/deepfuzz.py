#!/usr/bin/env python3
"""A deeper bad-input prober than issue 26's fuzz.py, for a running Touchpoint (standard library only).

fuzz.py fills route values with junk, so most operations answer 404 before they read a body. This one:
- harvests real ids from the instance's list and detail endpoints and puts them in the routes;
- builds each body from the OpenAPI schema and repairs it until the operation accepts it, using the values a 400
  names ("allowed values: a, b, c", "e.g. 350") and values seen in the instance's own answers;
- then sends that body again with one field at a time made nasty (NUL, lone surrogate, huge numbers, dates at the
  calendar's ends or without a zone, nulls in lists, wrong types), and each query parameter with nasty values.
It writes to the instance (creates cases, merges customers, ...): run it only against a throwaway one.
Findings (any 5xx, any 4xx other than 401/403/405 that is not problem+json) go to stdout, last a JSON summary line;
the status counts per operation and the learned bodies go to stderr.

usage: deepfuzz.py BASE_URL TOKEN [--seed S]
"""
import copy, http.client, json, random, sys, urllib.parse, re, uuid

def send(base, method, path, body=None, token=None, ctype="application/json"):
    u = urllib.parse.urlparse(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    h = {}
    if token: h["Authorization"] = "Bearer " + token
    if body is not None: h["Content-Type"] = ctype
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse(); data = r.read()
        return r.status, r.getheader("Content-Type") or "", data
    except Exception as e:
        return 599, "", str(e).encode()
    finally:
        c.close()

NASTY = ["", " ", "\u0000", "\ud800", "x" * 5000, "x" * 100000, "9" * 400, "-1", "0", "null", "NaN", "' OR 1=1 --",
         "2026-13-45T99:99:99Z", "2026-12-10T10:00:00", "2026-12-10T10:00:00+05:00", "2027-02-10T10:00:00", "2027-02-10T10:00:00-03:00", "2026-12-10", "2027-02-10", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "00000000-0000-0000-0000-000000000000",
         "+46", "+4670000000000000000000", "a@b", "SEK", "EUR", "XXX", "\u202e", "\t\n",
         None, -1, 0, 1, 2**31, 2**63, -2**63 - 1, 1e308, -1e308, 0.000001, 1.5, True, False, [], {}, [None], [{}], ["\u0000"],
         [[[[[]]]]], {"id": None}, {"id": "x"}]

VALUES = {}
def walk(obj, pools, parent=None):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) > 200):
                vs = VALUES.setdefault(k, [])
                if v not in vs and len(vs) < 40: vs.append(v)
        if parent and "id" in obj and isinstance(obj["id"], (str, int)):
            pools.setdefault(parent, set()).add(str(obj["id"]))
        for k, v in obj.items():
            if isinstance(v, (str, int)) and (k.endswith("Id") or k == "id" or k == "code" or k == "userName"):
                pools.setdefault(k if k != "id" else (parent or "id"), set()).add(str(v))
            walk(v, pools, k if isinstance(v, (list, dict)) else parent)
    elif isinstance(obj, list):
        for v in obj: walk(v, pools, parent)

def main():
    base, token = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    spec = json.loads(send(base, "GET", "/openapi/v1.json", token=token)[2])
    schemas = spec["components"]["schemas"]
    pools = {}
    lists = {}
    # harvest
    for path, ops in spec["paths"].items():
        if "get" in ops and "{" not in path and path not in ("/health",):
            s, ct, d = send(base, "GET", path + ("?q=a" if path == "/api/customers" else ""), token=token)
            if s == 200 and "json" in ct:
                try: j = json.loads(d)
                except Exception: continue
                p = {}; walk(j, p, path.rstrip("/").split("/")[-1])
                lists[path] = p.get(path.rstrip("/").split("/")[-1], set())
                for k, v in p.items(): pools.setdefault(k, set()).update(v)
    for cid in list(pools.get("customers", []))[:20]:
        s, ct, d = send(base, "GET", f"/api/customers/{cid}", token=token)
        if s == 200:
            p = {}; walk(json.loads(d), p, "customers")
            for k, v in p.items(): pools.setdefault(k, set()).update(v)
    for path, ops in spec["paths"].items():  # second level
        if "get" in ops and path.count("{") == 1 and path.endswith("}"):
            prefix = path[:path.index("{")].rstrip("/")
            for i in list(lists.get(prefix, []))[:5]:
                s, ct, d = send(base, "GET", path.replace(path[path.index("{"):], urllib.parse.quote(i, safe="")), token=token)
                if s == 200 and "json" in ct:
                    p = {}; walk(json.loads(d), p, prefix.split("/")[-1])
                    for k, v in p.items(): pools.setdefault(k, set()).update(v)
    pools = {k: sorted(v) for k, v in pools.items()}
    print("pools:", {k: len(v) for k, v in pools.items()}, file=sys.stderr)

    def candidates(path, name):
        before = path[:path.index("{" + name + "}")].rstrip("/").split("/")
        res = before[-1] if before else ""
        keys = []
        if name == "id":
            keys = [res, res.rstrip("s") + "Id", res[:-1] + "Id" if res.endswith("s") else res + "Id"]
        else:
            keys = [name, name[:-2] + "s"]
        if res in ("users",) and name == "id": keys += ["userName", "ownerUserId", "ownerId"]
        if "subscriptions" in res: keys += ["subscriptions", "subscriptionId"]
        if res == "plans": keys += ["code", "plans", "planCode"]
        out = []
        for k in keys: out += pools.get(k, [])
        fullpre = "/".join(before)
        out += list(lists.get(fullpre, []))
        return out or ["00000000-0000-0000-0000-000000000000"]

    def resolve(s):
        while isinstance(s, dict) and "$ref" in s:
            s = schemas[s["$ref"].split("/")[-1]]
        return s or {}

    def sample(s, name="", depth=0):
        s = resolve(s)
        t = s.get("type")
        if isinstance(t, list): t = [x for x in t if x != "null"][0] if [x for x in t if x != "null"] else None
        if "enum" in s: return rng.choice(s["enum"])
        if name in VALUES and t not in ("object", "array") and "properties" not in s and not (s.get("format") == "uuid" or name.lower().endswith("id")):
            return rng.choice(VALUES[name])
        if t == "object" or "properties" in s:
            if depth > 4: return {}
            return {k: sample(v, k, depth + 1) for k, v in s.get("properties", {}).items()}
        if t == "array":
            return [sample(s.get("items", {}), name, depth + 1)] if depth < 4 else []
        if t in ("integer", "number"): return 1
        if t == "boolean": return False
        fmt = s.get("format", "")
        if fmt == "uuid" or name.lower().endswith("id"):
            key = name if name in pools else name[:-2] + "s"
            return rng.choice(pools[key]) if pools.get(key) else str(uuid.uuid4())
        if fmt == "date-time": return "2026-12-10T10:00:00Z"
        if fmt == "date": return "2026-12-10"
        return "x"

    def fields(obj, prefix=()):
        if isinstance(obj, dict):
            for k, v in obj.items():
                yield prefix + (k,)
                yield from fields(v, prefix + (k,))
        elif isinstance(obj, list) and obj:
            yield prefix + (0,)
            yield from fields(obj[0], prefix + (0,))

    def setat(obj, path, value):
        o = obj
        for p in path[:-1]: o = o[p]
        o[path[-1]] = value


    GENERIC = ["x", 1, 350, True, "2026-12-20T10:00:00Z", "2026-12-01T10:00:00Z", "2026-12-20", "+46701234567", "anna@example.se",
               "SEK", "SE", "phone", "Need", "Reason for this.", {}, [], None, "__delete__"]
    def parse_path(key):
        out = []
        for part in re.findall(r"[^.\[\]']+|\[\d+\]", key):
            out.append(int(part[1:-1]) if part.startswith("[") else part)
        return tuple(out)
    def getat(obj, path):
        o = obj
        for p_ in path: o = o[p_]
        return o
    def learn(M, addr, ctype, body):
        """Fix the fields a 400 names, one at a time, with the values its message allows or values seen elsewhere."""
        tried = {}
        for _ in range(60):
            s_, ct_, d_ = send(base, M, addr, json.dumps(body).encode(), token, ctype)
            if s_ != 400: return body, s_
            try: errs = json.loads(d_).get("errors") or {}
            except Exception: return body, s_
            if not errs: return body, s_
            key, msgs = next(iter(errs.items()))
            path_ = parse_path(key)
            # find the field in the body, case-insensitively at top level
            if path_ and isinstance(body, dict) and path_[0] not in body:
                m = [k for k in body if k.lower() == str(path_[0]).lower()]
                if m: path_ = (m[0],) + path_[1:]
            msg = " ".join(msgs)
            cands = []
            m = re.search(r"allowed values: ([^.;]+)", msg) or re.search(r"one of:? ([^.;]+)", msg)
            if m: cands += [c.strip().strip("'`\"") for c in m.group(1).split(",")]
            for eg in re.findall(r"e\.g\. ([^),;]+)", msg):
                eg = eg.strip().strip("'`\"")
                try: cands.append(json.loads(eg))
                except Exception: cands.append(eg)
            name = str(path_[-1]) if path_ else key
            cands += VALUES.get(name, [])[:8]
            if name.lower().endswith("id"): cands += pools.get(name, [])[:3] + pools.get(name[:-2] + "s", [])[:3]
            cands += GENERIC
            i = tried.get(key, 0)
            if i >= len(cands): return body, 400
            tried[key] = i + 1
            v = cands[i]
            try:
                if v == "__delete__":
                    parent = getat(body, path_[:-1]); parent.pop(path_[-1], None) if isinstance(parent, dict) else None
                else:
                    setat(body, path_ if path_ else (key,), copy.deepcopy(v))
            except Exception:
                try: setat(body, (key,), copy.deepcopy(v))
                except Exception: return body, 400
        return body, 400
    n = five = not_problem = 0
    LEARNED = {}
    findings = []
    HIST = {}
    def check(M, p, s, ct, d, note):
        nonlocal n, five, not_problem
        n += 1
        key = (M, re.sub(r"/[0-9a-f-]{36}|/\d+", "/{}", p.split("?")[0]))
        HIST.setdefault(key, {}); HIST[key][s] = HIST[key].get(s, 0) + 1
        if s >= 500:
            five += 1; findings.append(f"5xx {s} {M} {p} {note} :: {d[:300]!r}")
        elif 400 <= s < 500 and s not in (401, 403, 405) and "problem+json" not in ct:
            not_problem += 1; findings.append(f"NOT-PROBLEM {s} {ct} {M} {p} {note} :: {d[:200]!r}")

    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method not in ("get", "post", "put", "patch", "delete"): continue
            M = method.upper()
            if path in ("/api/auth/token",): continue
            params = op.get("parameters", [])
            def address(query=None):
                p = path
                for prm in params:
                    if prm["in"] == "path":
                        p = p.replace("{" + prm["name"] + "}", urllib.parse.quote(rng.choice(candidates(path, prm["name"])), safe=""))
                if query: p += "?" + urllib.parse.urlencode(query)
                return p
            # query params one at a time
            for prm in [x for x in params if x["in"] == "query"]:
                for v in ["-1", "0", "2147483648", "abc", "", "x" * 3000, "2026-13-45", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-12-10T10:00:00", "2026-12-10T10:00:00+05:00", "0001-01-01", "9999-12-31", "00000000-0000-0000-0000-000000000000", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]:
                    p = address({prm["name"]: v})
                    s, ct, d = send(base, M, p, b"{}" if M in ("POST", "PUT", "PATCH") else None, token)
                    check(M, p, s, ct, d, f"query {prm['name']}={v[:20]!r}")
            if M in ("GET", "DELETE") or "requestBody" not in op:
                for _ in range(3):
                    p = address()
                    s, ct, d = send(base, M, p, b"{}" if M in ("POST", "PUT", "PATCH") else None, token)
                    check(M, p, s, ct, d, "plain")
                continue
            content = op["requestBody"].get("content", {})
            ctype = next(iter(content), "application/json")
            schema = content.get(ctype, {}).get("schema", {})
            best = None
            for _ in range(3):
                p = address()
                b, st = learn(M, p, ctype, sample(schema))
                check(M, p, st, "application/problem+json", b"", f"learned {json.dumps(b)[:300]}")
                if best is None or (best[2] == 400 and st != 400): best = (p, b, st)
            LEARNED[(M, path)] = best
            print("LEARNED", M, path, best[2], json.dumps(best[1])[:300], file=sys.stderr)
            baseline = best[1]
            for f in list(fields(baseline)):
                for v in NASTY:
                    b = copy.deepcopy(baseline)
                    try: setat(b, f, copy.deepcopy(v))
                    except Exception: continue
                    p = best[0] if rng.random() < 0.8 else address()
                    body = json.dumps(b).encode("utf-8", "surrogatepass")
                    s, ct, d = send(base, M, p, body, token, ctype)
                    check(M, p, s, ct, d, f"field {'.'.join(map(str, f))}={json.dumps(v)[:30]}")
    for k, v in sorted(HIST.items()): print(k, v, file=sys.stderr)
    for f in findings[:200]: print(f)
    if len(findings) > 200: print(f"... {len(findings) - 200} more")
    print(json.dumps({"requests": n, "5xx": five, "not_problem": not_problem}))

if __name__ == "__main__":
    sys.exit(main())
