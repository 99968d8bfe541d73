# Microsoft Learn links in the list views are copied by people: each must sit whole on a line of its own.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'health-rules.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:results = @(Test-AdeTokenHealth -IncludeProfiles -WarningAction SilentlyContinue)
    $script:links = @($results.Findings | Where-Object HelpUri | ForEach-Object { [string]$_.HelpUri } | Select-Object -Unique)
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Learn links in list views' {
    It 'has findings with long links to check' {
        $links.Count | Should -BeGreaterThan 0
        ($links | Measure-Object Length -Maximum).Maximum | Should -BeGreaterThan 100
    }

    It 'shows every link of a health result whole, alone on its line, when the console is wide enough for it' {
        $text = $results | Format-List | Out-String -Width 200
        $lines = $text -split "\r?\n" | ForEach-Object { ($_ -replace '^.{0,12}: ', '').Trim() }
        foreach ($link in $links) { $lines | Should -Contain $link }
    }

    It 'never puts other text on a line with a link, at any width' {
        foreach ($width in 80, 120, 200) {
            $text = @($results | Format-List | Out-String -Width $width) + @($results.Findings | Format-List | Out-String -Width $width)
            foreach ($line in ($text -split "\r?\n") | Where-Object { $_ -match 'https?://' }) {
                $value = ($line -replace '^[A-Za-z]*\s*: ', '').Trim()
                $value | Should -Match '^\S+$' -Because "a link must have a line of its own: '$line'"
            }
        }
    }

    It 'shows the link of a finding whole in its own list view' {
        $text = $results.Findings | Where-Object HelpUri | Format-List | Out-String -Width 200
        foreach ($link in $links) { $text | Should -Match ("(?m)^HelpUri\s+: " + [regex]::Escape($link) + '\s*$') }
    }
}
