using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomersConsumerSalesAndAuditChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SoldToConsumer",
                table: "Subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "SoldToConsumer",
                table: "ProductOrderItems",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            // Written by hand (keep when re-generating): contracts sold before the flag existed were sold to persons as
            // consumers, as every sale was judged until now; a business customer's are business contracts (TP-5).
            migrationBuilder.Sql("""
                UPDATE "Subscriptions" SET "SoldToConsumer" = FALSE
                WHERE "CustomerId" IN (SELECT "Id" FROM "Customers" WHERE "Kind" = 'Business');
                """);
            migrationBuilder.Sql("""
                UPDATE "ProductOrderItems" SET "SoldToConsumer" = FALSE
                WHERE "OrderId" IN (SELECT o."Id" FROM "ProductOrders" o JOIN "Customers" c ON c."Id" = o."CustomerId" WHERE c."Kind" = 'Business');
                """);

            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "AuditEntries",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SoldToConsumer",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "SoldToConsumer",
                table: "ProductOrderItems");

            migrationBuilder.DropColumn(
                name: "Changes",
                table: "AuditEntries");
        }
    }
}
