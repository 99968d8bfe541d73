# The text the module produces is the same whatever the session's culture: the views of statuses, results and
# findings, the four report formats and the Teams card, under th-TH (Buddhist years) and de-DE (',' for '.').
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'demo.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:hook = ConvertTo-SecureString "$($sim.Url)/_sim/webhooks/culture?sig=culture-sig" -AsPlainText -Force

    # A snapshot judged at one fixed instant, so every run sees the same facts and only the culture changes.
    $token = New-AdeSimToken -Simulator $sim
    $body = Invoke-WebRequest -Uri "$($sim.Url)/beta/deviceManagement/depOnboardingSettings" -Headers @{ Authorization = "Bearer $token" }
    $script:snapshot = Join-Path $TestDrive 'snapshot.json'
    Set-Content -Path $snapshot -Value $body.Content
    $script:asOf = [DateTimeOffset]::UtcNow

    function Invoke-InCulture {
        param([string] $Name, [scriptblock] $Script)
        $before = [cultureinfo]::CurrentCulture, [cultureinfo]::CurrentUICulture
        try {
            $culture = if ($Name) { [cultureinfo]::new($Name) } else { [cultureinfo]::InvariantCulture }
            [cultureinfo]::CurrentCulture = $culture
            [cultureinfo]::CurrentUICulture = $culture
            & $Script
        }
        finally {
            [cultureinfo]::CurrentCulture = $before[0]
            [cultureinfo]::CurrentUICulture = $before[1]
        }
    }

    # Everything a person or a machine reads, as one text. The reports and the card say when they were made (now, not
    # -AsOf); that stamp's month, day and time are masked, its year is kept, so a Buddhist year would still show.
    function Get-AllText {
        $sample = [ordered]@{ culture = [cultureinfo]::CurrentCulture.Name; year = (Get-Date -Year 2026).ToString('yyyy'); half = (0.5).ToString() }
        $results = @(Test-AdeTokenHealth -Path $snapshot -AsOf $asOf -IncludeDevices -WarningAction SilentlyContinue)
        $parts = [System.Collections.Generic.List[string]]::new()
        # Wide enough that no line wraps: PowerShell's list view breaks long values at a word under a named culture and
        # mid-word under the invariant one. That wrapping is PowerShell's; the text in the lines is the module's.
        $parts.Add(($results | Format-Table | Out-String -Width 4000))
        $parts.Add(($results | Format-List | Out-String -Width 4000))
        $parts.Add(($results.Token | Format-Table | Out-String -Width 4000))
        $parts.Add(($results.Token | Format-List | Out-String -Width 4000))
        $parts.Add(($results.Findings | Format-List | Out-String -Width 4000))
        $parts.Add((($results.Findings | ForEach-Object { $_.ToString() }) -join "`n"))
        foreach ($format in 'Html', 'Markdown', 'Json', 'Csv') { $parts.Add(($results | ConvertTo-AdeTokenReport -Format $format)) }
        Clear-AdeSimWebhook -Simulator $sim
        $results | Send-AdeTokenAlert -TeamsWebhookUrl $hook -AlwaysSend -WarningAction SilentlyContinue
        $parts.Add((@(Get-AdeSimWebhook -Simulator $sim)[0].body | ConvertTo-Json -Depth 30))
        $text = $parts -join "`n====`n"
        $text = $text -replace '(?<=(Generated |"generatedAt":\s*"))(\d{4})-\d\d-\d\d[ T]\d\d:\d\d:\d\dZ', '$2-mm-dd hh:mm:ssZ'
        [pscustomobject]@{ Sample = $sample; Text = $text; Results = $results.Count }
    }

    $script:invariant = Invoke-InCulture '' { Get-AllText }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Output under other cultures' {
    It 'covers every token of the scenario and a lot of text' {
        $invariant.Results | Should -Be 6
        $invariant.Text.Length | Should -BeGreaterThan 20000
        $invariant.Sample.year | Should -Be '2026'
    }

    It 'is the same under <Name> as under the invariant culture' -ForEach @(
        @{ Name = 'th-TH'; Year = '2569'; Half = '0.5' }
        @{ Name = 'de-DE'; Year = '2026'; Half = '0,5' }
    ) {
        $local = Invoke-InCulture $Name { Get-AllText }
        # The culture really was in force while the cmdlets ran and formatted, or the comparison would prove nothing.
        $local.Sample.culture | Should -Be $Name
        $local.Sample.year | Should -Be $Year
        $local.Sample.half | Should -Be $Half
        $local.Results | Should -Be $invariant.Results
        if ($local.Text -ne $invariant.Text) {
            $i = 0
            while ($i -lt [math]::Min($local.Text.Length, $invariant.Text.Length) -and $local.Text[$i] -eq $invariant.Text[$i]) { $i++ }
            $from = [math]::Max(0, $i - 100)
            $local.Text.Substring($from, [math]::Min(220, $local.Text.Length - $from)) | Should -Be $invariant.Text.Substring($from, [math]::Min(220, $invariant.Text.Length - $from)) -Because "the $Name output first differs at character $i"
        }
        $local.Text | Should -BeExactly $invariant.Text
    }
}
