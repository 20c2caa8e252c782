using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JurisdictionsFiDe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Jurisdiction",
                table: "Plans",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notice",
                table: "ContractSummaries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Until FI and DE each currency was paid in one jurisdiction only, so its currency tells where an existing plan is sold.
            migrationBuilder.Sql(
                "UPDATE \"Plans\" SET \"Jurisdiction\" = CASE \"Currency\" WHEN 'SEK' THEN 'SE' WHEN 'DKK' THEN 'DK' WHEN 'NOK' THEN 'NO' WHEN 'EUR' THEN 'NL' END;");

            // Notices were whole months until FI-1's two weeks.
            migrationBuilder.Sql("UPDATE \"ContractSummaries\" SET \"Notice\" = 'P' || CAST(\"NoticeMonths\" AS TEXT) || 'M';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Jurisdiction",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Notice",
                table: "ContractSummaries");
        }
    }
}
