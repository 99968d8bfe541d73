# The community script AdeTokens is measured against: Invoke-RestMethod over the tokens, then each token's
# devices (or profiles) by following @odata.nextLink, one request after another. Prints one JSON line.
param(
    [Parameter(Mandatory)] [string] $GraphEndpoint,
    [Parameter(Mandatory)] [string] $AccessToken,
    [ValidateSet('Tokens', 'Devices', 'Profiles')] [string] $Read = 'Devices',
    [int] $Runs = 2
)
$ErrorActionPreference = 'Stop'
$headers = @{ Authorization = "Bearer $AccessToken" }
$times = foreach ($run in 1..$Runs) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $tokens = [System.Collections.Generic.List[object]]::new()
    $uri = "$GraphEndpoint/beta/deviceManagement/depOnboardingSettings"
    while ($uri) {
        $page = Invoke-RestMethod -Uri $uri -Headers $headers
        $tokens.AddRange(@($page.value))
        $uri = $page.'@odata.nextLink'
    }
    $items = 0
    $failed = 0
    foreach ($t in $tokens) {
        if ($Read -eq 'Tokens') { continue }
        $uri = if ($Read -eq 'Devices') { "$GraphEndpoint/beta/deviceManagement/depOnboardingSettings/$($t.id)/importedAppleDeviceIdentities" }
        else { "$GraphEndpoint/beta/deviceManagement/depOnboardingSettings/$($t.id)/enrollmentProfiles" }
        while ($uri) {
            $page = Invoke-RestMethod -Uri $uri -Headers $headers
            foreach ($d in $page.value) {
                $items++
                if ($d.enrollmentState -eq 'failed') { $failed++ }
            }
            $uri = $page.'@odata.nextLink'
        }
    }
    $sw.Elapsed.TotalSeconds
}
[pscustomobject]@{
    Seconds = @($times)[0]
    WarmSeconds = @($times)[-1]
    Runs = $Runs
    PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    Tokens = $tokens.Count
    Items = $items
} | ConvertTo-Json -Compress
