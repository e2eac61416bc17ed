"""The Streamlit + Folium dashboard: the only package that imports streamlit."""
