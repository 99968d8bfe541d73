using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AdeTokens.Simulator;

/// <summary>One Apple VPP (location) token, as v1.0 deviceAppManagement/vppTokens returns it.</summary>
internal sealed class VppTokenSpec
{
    public required string Id { get; init; }

    public string? OrganizationName { get; init; }

    public string? AppleId { get; init; }

    public string? VppTokenAccountType { get; init; }

    public DateTimeOffset? ExpirationDateTime { get; init; }

    public DateTimeOffset? LastSyncDateTime { get; init; }

    public DateTimeOffset? LastModifiedDateTime { get; init; }

    public string? State { get; init; }

    public string? LastSyncStatus { get; init; }

    public bool AutomaticallyUpdateApps { get; init; }

    public string? CountryOrRegion { get; init; }

    /// <summary>The secret. Served like the real property so a test can prove the module never lets it out.</summary>
    public required string Token { get; init; }

    public DateStyle DateStyle { get; init; }
}

/// <summary>VPP tokens (v1.0, with the same shapes under /beta) and the documented serial-number $filter on
/// importedAppleDeviceIdentities. Kept apart from GraphRoutes so the ADE routes stay as they were.</summary>
internal static class VppRoutes
{
    private const string VppType = "#microsoft.graph.vppToken";
    private const string VppContext = "deviceAppManagement/vppTokens";

    private static readonly string[] States = ["unknown", "valid", "expired", "invalid", "assignedToExternalMDM"];
    private static readonly string[] SyncStatuses = ["none", "inProgress", "completed", "failed"];

    public static readonly EntityKind VppKind = new("vppToken", "microsoft.graph.vppToken",
    [
        "id", "organizationName", "vppTokenAccountType", "appleId", "expirationDateTime", "lastSyncDateTime", "token",
        "lastModifiedDateTime", "state", "lastSyncStatus", "automaticallyUpdateApps", "countryOrRegion",
    ]);

    // Microsoft's own sample (powershell-intune-samples AppleEnrollment/AppleDEPProfile_Assign.ps1 @1922025). Only this
    // shape is accepted: which other filters the service takes is UNVERIFIED, so everything else stays a 400.
    private static readonly Regex SerialFilter = new(
        @"^\s*discoverySource\s+eq\s+'deviceEnrollmentProgram'\s+and\s+contains\(\s*serialNumber\s*,\s*'((?:[^']|'')*)'\s*\)\s*$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static void Map(WebApplication app)
    {
        app.MapGet("/v1.0/deviceAppManagement/vppTokens", ListVppTokens).Requires(GraphAccess.Read);
        app.MapGet("/v1.0/deviceAppManagement/vppTokens/{id}", GetVppToken).Requires(GraphAccess.Read);
        app.MapGet("/beta/deviceAppManagement/vppTokens", ListVppTokens).Requires(GraphAccess.Read);
        app.MapGet("/beta/deviceAppManagement/vppTokens/{id}", GetVppToken).Requires(GraphAccess.Read);
    }

    public static List<VppTokenSpec> Parse(JsonNode? node, string where, DateTimeOffset now)
    {
        var list = new List<VppTokenSpec>();
        if (node is null)
        {
            return list;
        }

        if (node is not JsonArray array)
        {
            throw new ScenarioException($"{where} must be an array.");
        }

        for (var i = 0; i < array.Count; i++)
        {
            var w = $"{where}[{i}]";
            var f = new Fields(array[i] ?? throw new ScenarioException($"{w} is null."), w);
            var id = f.String("id") ?? ScenarioLoader.DerivedGuid($"vpp:{i}").ToString();
            var state = f.String("state") ?? "valid";
            var sync = f.String("lastSyncStatus") ?? "completed";
            if (!States.Contains(state, StringComparer.Ordinal))
            {
                throw new ScenarioException($"{w}.state must be one of {string.Join(", ", States)}.");
            }

            if (!SyncStatuses.Contains(sync, StringComparer.Ordinal))
            {
                throw new ScenarioException($"{w}.lastSyncStatus must be one of {string.Join(", ", SyncStatuses)}.");
            }

            var spec = new VppTokenSpec
            {
                Id = id,
                OrganizationName = f.String("organizationName"),
                AppleId = f.String("appleId"),
                VppTokenAccountType = f.String("vppTokenAccountType") ?? "business",
                ExpirationDateTime = f.Date("expirationDateTime", now, now.AddDays(200)),
                LastSyncDateTime = f.Date("lastSyncDateTime", now, now.AddHours(-5)),
                LastModifiedDateTime = f.Date("lastModifiedDateTime", now, now.AddDays(-100)),
                State = state,
                LastSyncStatus = sync,
                AutomaticallyUpdateApps = f.Bool("automaticallyUpdateApps") ?? true,
                CountryOrRegion = f.String("countryOrRegion") ?? "us",
                Token = f.String("token") ?? "SIMVPPSECRET-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                DateStyle = DateStyle.Utc7,
            };
            f.RejectUnknown();
            if (list.Exists(v => string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScenarioException($"{w}: duplicate VPP token id {id}.");
            }

            list.Add(spec);
        }

        return list;
    }

    private static TenantState State(HttpContext ctx) => ctx.RequestServices.GetRequiredService<TenantState>();

    private static Task ListVppTokens(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var page = PageRequest.ForCollection(ctx, VppKind, t.PageSize, t.Epoch);
            return GraphRoutes.Collection(ctx, t.Epoch, page, VppContext, t.VppTokens.Count, (w, i) => Write(w, t.VppTokens[i], page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task GetVppToken(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var page = PageRequest.ForEntity(ctx, VppKind);
            var id = ctx.GetRouteValue("id") as string ?? string.Empty;
            var v = t.VppTokens.Find(x => string.Equals(x.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw GraphException.NotFound($"vppToken '{id}' was not found.");
            return GraphRoutes.Entity(ctx, VppContext, page, w => Write(w, v, page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static void Write(Utf8JsonWriter w, VppTokenSpec v, IReadOnlySet<string>? select)
    {
        w.WriteString("@odata.type", VppType);
        w.WriteString("id", v.Id);
        var p = new PropertyWriter(w, select, v.DateStyle);
        p.String("organizationName", v.OrganizationName);
        p.String("vppTokenAccountType", v.VppTokenAccountType);
        p.String("appleId", v.AppleId);
        p.Date("expirationDateTime", v.ExpirationDateTime);
        p.Date("lastSyncDateTime", v.LastSyncDateTime);
        p.String("token", v.Token);
        p.Date("lastModifiedDateTime", v.LastModifiedDateTime);
        p.String("state", v.State);
        p.String("lastSyncStatus", v.LastSyncStatus);
        p.Bool("automaticallyUpdateApps", v.AutomaticallyUpdateApps);
        p.String("countryOrRegion", v.CountryOrRegion);
    }

    /// <summary>GET …/importedAppleDeviceIdentities?$filter=…: the documented serial filter, answered in one page (how the
    /// real service pages a filtered list is UNVERIFIED). Any other $filter is a 400, as before.</summary>
    public static byte[] FilteredDevices(HttpContext ctx, Tenant t, DepToken token, Action<Utf8JsonWriter, Device, IReadOnlySet<string>?> writeDevice, string contextPath)
    {
        var filter = ctx.Request.Query["$filter"].ToString();
        var m = SerialFilter.Match(filter);
        if (!m.Success || !t.SerialFilterSupported)
        {
            throw GraphException.BadRequest($"The $filter '{filter}' is not supported by the simulator on this resource (only discoverySource eq 'deviceEnrollmentProgram' and contains(serialNumber,'…'), as in Microsoft's sample).");
        }

        foreach (var key in ctx.Request.Query.Keys)
        {
            if (key.StartsWith('$') && key is not "$filter" and not "$select" and not "$top")
            {
                throw GraphException.BadRequest($"The query option '{key}' is not supported with $filter by the simulator.");
            }
        }

        var needle = m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
        var (select, selectText) = PageRequest.ParseSelect(ctx.Request.Query["$select"].ToString(), EntityKind.Device);
        var matches = new List<Device>();
        for (var i = 0; i < token.Devices.Count; i++)
        {
            var d = token.Devices.Get(i);
            if (string.Equals(d.DiscoverySource, "deviceEnrollmentProgram", StringComparison.Ordinal)
                && d.SerialNumber.Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(d);
            }
        }

        var page = new PageRequest(0, matches.Count, select, selectText);
        return GraphRoutes.Collection(ctx, t.Epoch, page, contextPath, matches.Count, (w, i) => writeDevice(w, matches[i], select));
    }
}
