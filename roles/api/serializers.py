from rest_framework_json_api import serializers

from roles.models import User


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    is_user_owner = serializers.SerializerMethodField()

    class Meta:
        model = User
        resource_name = "user"
        fields = (
            "email",
            "password",
            "first_name",
            "last_name",
            "public_name",
            "details",
            "contact",
            "company",
            "avatar_url",
            "original_image_url",
            "thumbnail_image_url",
            "small_image_url",
            "icon_image_url",
            "facebook_url",
            "twitter_url",
            "instagram_url",
            "google_plus_url",
            "facebook_id",
            "language_prefrence",
            "billing_contact_name",
            "billing_phone",
            "billing_country",
            "billing_tax_info",
            "billing_address",
            "billing_city",
            "billing_zip_code",
            "billing_state",
            "billing_additional_info",
            "is_super_admin",
            "is_admin",
            "is_sales_admin",
            "is_marketer",
            "is_verified",
            "is_blocked",
            "is_profile_public",
            "is_rocket_chat_registered",
            "was_registered_with_order",
            "is_user_owner",
            "created_at",
            "last_accessed_at",
            "deleted_at",
        )
        read_only_fields = (
            "is_super_admin",
            "facebook_id",
            "created_at",
            "last_accessed_at",
            "is_rocket_chat_registered",
            "deleted_at",
        )
        extra_kwargs = {"email": {"validators": []}}  # uniqueness (case-insensitive) is the service's rule

    def get_is_user_owner(self, obj):
        return obj.is_super_admin
