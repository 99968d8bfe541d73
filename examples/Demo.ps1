# The main job, against the simulated tenant: connect the way an Azure Automation runbook does
# (managed identity), list the ADE tokens, and show what is wrong and how to fix it.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $ScenarioPath
)
$ErrorActionPreference = 'Stop'

$psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($a in $SimulatorPath, '--scenario', $ScenarioPath) { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardInput = $true
$psi.RedirectStandardOutput = $true
$psi.UseShellExecute = $false
$sim = [Diagnostics.Process]::Start($psi)
try {
    $url = $sim.StandardOutput.ReadLine()
    $identityHeader = $sim.StandardOutput.ReadLine() -replace '^IDENTITY_HEADER=', ''

    # Azure Automation sets these two for its managed identity; the simulated tenant serves the same protocol.
    $env:IDENTITY_ENDPOINT = "$url/msi/token"
    $env:IDENTITY_HEADER = $identityHeader

    Import-Module $ModulePath
    Write-Host "`nSimulated Microsoft Graph at $url (demo tenant)`n" -ForegroundColor DarkGray

    Write-Host 'PS> Connect-AdeGraph -Identity' -ForegroundColor Yellow
    Connect-AdeGraph -Identity -GraphEndpoint $url | Format-List | Out-Host

    Write-Host 'PS> Get-AdeTokenStatus' -ForegroundColor Yellow
    Get-AdeTokenStatus | Sort-Object Status, DaysUntilExpiry | Format-Table | Out-Host

    if (Get-Command Test-AdeTokenHealth -ErrorAction SilentlyContinue) {
        Write-Host 'PS> Test-AdeTokenHealth -IncludeDevices' -ForegroundColor Yellow
        $results = Test-AdeTokenHealth -IncludeDevices
        $results | Format-Table | Out-Host

        Write-Host "PS> Test-AdeTokenHealth | Where-Object Status -eq 'Critical' | Select-Object -First 1 | Format-List" -ForegroundColor Yellow
        $results | Where-Object Status -eq 'Critical' | Select-Object -First 1 | Format-List | Out-Host
    }

    Write-Host "PS> Sync-AdeToken -Name 'Contoso New Stores' -Wait -Timeout 60" -ForegroundColor Yellow
    Sync-AdeToken -Name 'Contoso New Stores' -Wait -Timeout 60 | Format-Table | Out-Host

    Write-Host "PS> Get-AdeDevice -TokenId (Get-AdeTokenStatus -Name 'Contoso Retail').Id -Unassigned" -ForegroundColor Yellow
    Get-AdeDevice -TokenId (Get-AdeTokenStatus -Name 'Contoso Retail').Id -Unassigned | Format-Table | Out-Host

    Write-Host "PS> # A runbook: fail the Azure Automation job when a token is critical" -ForegroundColor Yellow
    Write-Host "PS> `$ErrorActionPreference = 'Stop'; Test-AdeTokenHealth -FailOn Critical | Out-Null" -ForegroundColor Yellow
    try {
        Test-AdeTokenHealth -FailOn Critical | Out-Null
    }
    catch {
        Write-Host ("Job fails with {0}:`n  {1}`n" -f $_.FullyQualifiedErrorId, $_.Exception.Message) -ForegroundColor Red
    }

    Disconnect-AdeGraph
}
finally {
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    $sim.StandardInput.Close()
    if (-not $sim.WaitForExit(5000)) { $sim.Kill($true) }
}
